package dev.tide.controller.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.kube.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: balanced, stable, and moving only what must move when members come and go. */
class RendezvousTest {

    private static final List<ObjectKey> OBJECTS = IntStream.range(0, 10_000)
            .mapToObj(i -> new ObjectKey("team-" + (i % 37), "so-" + i)).toList();

    private static List<String> members(int count) {
        return IntStream.range(0, count).mapToObj(i -> "tide-controller-" + i).toList();
    }

    private static Map<ObjectKey, String> assign(List<String> members) {
        Map<ObjectKey, String> owners = new HashMap<>();
        OBJECTS.forEach(key -> owners.put(key, Rendezvous.owner(key, members).orElseThrow()));
        return owners;
    }

    @ParameterizedTest(name = "{0} members")
    @ValueSource(ints = {2, 3, 5, 8})
    void everyMemberGetsItsShareWithinTenPercent(int count) {
        Map<String, Integer> perMember = new HashMap<>();
        assign(members(count)).values().forEach(owner -> perMember.merge(owner, 1, Integer::sum));

        double fair = OBJECTS.size() / (double) count;
        assertThat(perMember).hasSize(count);
        assertThat(perMember.values()).allSatisfy(n -> assertThat(n).isBetween((int) (fair * 0.9), (int) (fair * 1.1)));
    }

    @Test
    void aJoiningMemberTakesOnlyItsShareAndOnlyFromTheOthers() {
        Map<ObjectKey, String> before = assign(members(3));
        Map<ObjectKey, String> after = assign(members(4));

        List<ObjectKey> moved = new ArrayList<>(OBJECTS.stream().filter(key -> !before.get(key).equals(after.get(key))).toList());
        assertThat(moved).allSatisfy(key -> assertThat(after.get(key)).isEqualTo("tide-controller-3"));
        assertThat(moved.size()).isBetween((int) (OBJECTS.size() / 4 * 0.9), (int) (OBJECTS.size() / 4 * 1.1));
    }

    @Test
    void aLeavingMemberGivesUpOnlyItsOwnObjects() {
        Map<ObjectKey, String> before = assign(members(4));
        Map<ObjectKey, String> after = assign(List.of("tide-controller-0", "tide-controller-2", "tide-controller-3"));

        assertThat(OBJECTS).allSatisfy(key -> {
            if (!before.get(key).equals("tide-controller-1")) {
                assertThat(after.get(key)).isEqualTo(before.get(key));
            }
        });
    }

    @Test
    void theOwnerDoesNotDependOnTheOrderInWhichMembersAreListed() {
        List<String> members = members(5);
        List<String> reversed = new ArrayList<>(members);
        java.util.Collections.reverse(reversed);

        assertThat(assign(reversed)).isEqualTo(assign(members));
    }

    @Test
    void withoutMembersNothingIsOwned() {
        assertThat(Rendezvous.owner(new ObjectKey("ns", "so"), List.of())).isEmpty();
    }
}
