package dev.tide.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the producer sends, phase by phase: {@code idle 5s, burst 1500, steady 60/s 20s, idle}. A final phase
 * without a duration lasts until the run ends.
 */
record LoadProfile(List<Phase> phases) {

    static final String DEFAULT = "idle 5s, burst 1500, steady 60/s 20s, idle";

    private static final Pattern IDLE = Pattern.compile("idle(?:\\s+(\\S+))?");
    private static final Pattern BURST = Pattern.compile("burst\\s+(\\d+)");
    private static final Pattern STEADY = Pattern.compile("steady\\s+(\\d+(?:\\.\\d+)?)/s\\s+(\\S+)");

    LoadProfile {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a load profile needs at least one phase");
        }
    }

    /** One phase. {@code duration} is null only for a final, open-ended idle phase. */
    record Phase(String kind, long messages, double perSecond, Duration duration) {
        Phase {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "burst" -> "burst " + messages;
                case "steady" -> String.format(Locale.ROOT, "steady %s/s %ss", trim(perSecond), duration.toSeconds());
                default -> duration == null ? "idle" : "idle " + duration.toSeconds() + "s";
            };
        }
    }

    static LoadProfile parse(String text) {
        List<Phase> phases = new ArrayList<>();
        String[] parts = text.trim().split("\\s*,\\s*");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].toLowerCase(Locale.ROOT);
            Matcher idle = IDLE.matcher(part);
            Matcher burst = BURST.matcher(part);
            Matcher steady = STEADY.matcher(part);
            if (idle.matches()) {
                if (idle.group(1) == null && i != parts.length - 1) {
                    throw new IllegalArgumentException("only the last phase may be an idle without a duration: " + text);
                }
                phases.add(new Phase("idle", 0, 0, idle.group(1) == null ? null : duration(idle.group(1))));
            } else if (burst.matches()) {
                phases.add(new Phase("burst", Long.parseLong(burst.group(1)), 0, Duration.ZERO));
            } else if (steady.matches()) {
                Duration duration = duration(steady.group(2));
                double rate = Double.parseDouble(steady.group(1));
                phases.add(new Phase("steady", (long) (rate * duration.toMillis() / 1000.0), rate, duration));
            } else {
                throw new IllegalArgumentException("unknown phase \"" + parts[i]
                        + "\": use idle <duration>, burst <messages> or steady <rate>/s <duration>");
            }
        }
        return new LoadProfile(phases);
    }

    /** When the last message is sent, from the start of the profile. */
    Duration activeLength() {
        Duration total = Duration.ZERO;
        Duration lastSend = Duration.ZERO;
        for (Phase phase : phases) {
            if (phase.duration() != null) {
                total = total.plus(phase.duration());
            }
            if (!phase.kind().equals("idle")) {
                lastSend = total;
            }
        }
        return lastSend;
    }

    long totalMessages() {
        return phases.stream().mapToLong(Phase::messages).sum();
    }

    /** {@code 5s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(String text) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m)").matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (use 500ms, 5s or 2m)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public String toString() {
        return String.join(", ", phases.stream().map(Phase::toString).toList());
    }
}
