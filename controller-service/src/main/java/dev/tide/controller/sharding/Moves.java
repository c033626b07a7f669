package dev.tide.controller.sharding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rebalance does to one kind of loop: start those this replica now drives and that do not run, stop those that
 * run and that it no longer drives.
 */
public record Moves<L>(List<L> gained, List<L> lost) {

    private static final Logger log = LoggerFactory.getLogger(Moves.class);

    /** Works the moves out, stops the lost loops, then starts the gained ones. */
    public static <L> void rebalance(String kind, Collection<L> loops, Predicate<L> drives, Predicate<L> running, Consumer<L> stop,
            Consumer<List<L>> start) {
        Moves<L> moves = of(loops, drives, running);
        moves.lost().forEach(stop);
        start.accept(moves.gained());
        if (moves.any()) {
            log.info("Rebalanced the {} loops: started {}, stopped {}", kind, moves.gained().size(), moves.lost().size());
        }
    }

    public static <L> Moves<L> of(Collection<L> loops, Predicate<L> drives, Predicate<L> running) {
        List<L> gained = new ArrayList<>();
        List<L> lost = new ArrayList<>();
        for (L loop : loops) {
            boolean drive = drives.test(loop);
            boolean runs = running.test(loop);
            if (drive && !runs) {
                gained.add(loop);
            } else if (!drive && runs) {
                lost.add(loop);
            }
        }
        return new Moves<>(List.copyOf(gained), List.copyOf(lost));
    }

    public boolean any() {
        return !gained.isEmpty() || !lost.isEmpty();
    }
}
