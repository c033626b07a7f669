package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadProfileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # profile                                     | phases                                     | messages | last send (ms)
            idle 5s, burst 1500, steady 60/s 20s, idle    | idle 5s, burst 1500, steady 60/s 20s, idle | 2700     | 25000
            burst 10                                      | burst 10                                   | 10       | 0
            IDLE 500ms, steady 2.5/s 2s                   | idle 0s, steady 2.5/s 2s                   | 5        | 2500
            """)
    void readsPhasesMessagesAndWhenTheLastOneIsSent(String text, String phases, long messages, long lastSendMillis) {
        LoadProfile profile = LoadProfile.parse(text);

        assertThat(profile).hasToString(phases);
        assertThat(profile.totalMessages()).isEqualTo(messages);
        assertThat(profile.activeLength()).isEqualTo(Duration.ofMillis(lastSendMillis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            idle, burst 5          | only the last phase
            burst many             | unknown phase
            steady 5/s             | unknown phase
            idle 5h                | not a duration
            """)
    void refusesProfilesItCannotRun(String text, String message) {
        assertThatThrownBy(() -> LoadProfile.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
