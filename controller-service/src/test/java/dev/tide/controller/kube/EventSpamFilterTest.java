package dev.tide.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventSpamFilterTest {

    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    private final EventSpamFilter filter = new EventSpamFilter();

    @Test
    void anObjectMaySendTwentyFiveEventsAtOnceAndNoMore() {
        long allowed = IntStream.range(0, 40).filter(i -> filter.allow("shop/orders-job", START)).count();

        assertThat(allowed).isEqualTo(25);
    }

    @Test
    void afterItsBurstAnObjectGetsOneEventEveryFiveMinutes() {
        IntStream.range(0, 25).forEach(i -> filter.allow("shop/orders-job", START));

        assertThat(filter.allow("shop/orders-job", START.plus(Duration.ofMinutes(4)))).isFalse();
        assertThat(filter.allow("shop/orders-job", START.plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(filter.allow("shop/orders-job", START.plus(Duration.ofMinutes(6)))).isFalse();
        assertThat(filter.allow("shop/orders-job", START.plus(Duration.ofMinutes(10)))).isTrue();
    }

    @Test
    void oneChattyObjectDoesNotSilenceAnother() {
        IntStream.range(0, 100).forEach(i -> filter.allow("shop/orders-job", START));

        assertThat(filter.allow("shop/returns-job", START)).isTrue();
    }

    @Test
    void aQuietObjectEarnsItsWholeBurstBackButNoMore() {
        IntStream.range(0, 25).forEach(i -> filter.allow("shop/orders-job", START));
        Instant muchLater = START.plus(Duration.ofDays(1));

        long allowed = IntStream.range(0, 40).filter(i -> filter.allow("shop/orders-job", muchLater)).count();

        assertThat(allowed).isEqualTo(25);
    }

    @Test
    void theOldestObjectsAreForgottenBeyondFourThousandNinetySix() {
        IntStream.range(0, 25).forEach(i -> filter.allow("shop/first", START));
        IntStream.range(0, EventSpamFilter.TRACKED_OBJECTS).forEach(i -> filter.allow("shop/other-" + i, START));

        assertThat(filter.allow("shop/first", START)).as("forgotten, so a fresh burst").isTrue();
    }
}
