package dev.tide.controller.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.kube.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fencing decision: a replica drives an object only while it owns it, its Lease is valid and it has warmed up. */
class MemberViewTest {

    private static final Instant RENEWED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant VALID_UNTIL = RENEWED.plus(Duration.ofSeconds(10));
    private static final Instant DRIVING_FROM = RENEWED.minus(Duration.ofSeconds(60));
    private static final List<String> MEMBERS = List.of("a", "b", "c");
    private static final ObjectKey KEY = new ObjectKey("team", "orders");
    private static final String OWNER = Rendezvous.owner(KEY, MEMBERS).orElseThrow();
    private static final String OTHER = MEMBERS.stream().filter(m -> !m.equals(OWNER)).findFirst().orElseThrow();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the owner with a valid Lease drives", OWNER, DRIVING_FROM, RENEWED.plusSeconds(1), MemberView.Verdict.DRIVE),
                Arguments.of("another member does not", OTHER, DRIVING_FROM, RENEWED.plusSeconds(1), MemberView.Verdict.NOT_OWNER),
                Arguments.of("the owner stops at the renew deadline", OWNER, DRIVING_FROM, VALID_UNTIL, MemberView.Verdict.LEASE_LAPSED),
                Arguments.of("and after it", OWNER, DRIVING_FROM, VALID_UNTIL.plusSeconds(30), MemberView.Verdict.LEASE_LAPSED),
                Arguments.of("a new owner waits out a lease duration", OWNER, RENEWED.plusSeconds(5), RENEWED.plusSeconds(4),
                        MemberView.Verdict.WARMING_UP),
                Arguments.of("and then drives", OWNER, RENEWED.plusSeconds(5), RENEWED.plusSeconds(5), MemberView.Verdict.DRIVE),
                Arguments.of("a lapsed Lease wins over warming up", OWNER, RENEWED.plusSeconds(30), VALID_UNTIL,
                        MemberView.Verdict.LEASE_LAPSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String description, String self, Instant drivingFrom, Instant now, MemberView.Verdict verdict) {
        MemberView.Decision decision = new MemberView(self, VALID_UNTIL, drivingFrom, MEMBERS).decide(KEY, now);

        assertThat(decision.verdict()).isEqualTo(verdict);
        assertThat(decision.owner()).contains(OWNER);
        assertThat(decision.drives()).isEqualTo(verdict == MemberView.Verdict.DRIVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fencedCases")
    void aFencedViewDrivesNothing(String self) {
        MemberView fenced = MemberView.fenced(self);

        assertThat(fenced.decide(KEY, RENEWED).drives()).isFalse();
        assertThat(fenced.activity(RENEWED)).isEqualTo(MemberView.Verdict.LEASE_LAPSED);
    }

    static Stream<String> fencedCases() {
        return MEMBERS.stream();
    }
}
