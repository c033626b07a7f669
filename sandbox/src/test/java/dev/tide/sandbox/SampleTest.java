package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # lag per topic | total | as the timeline shows it
            1234            | 1234  | 1234
            949,632         | 1581  | 949+632=1581
            0,0             | 0     | 0+0=0
            -1,-1           | -1    | -1
            """)
    void showsTheTotalLagOrWithSeveralTopicsEachOneAndTheirSum(String lags, long total, String text) {
        Sample.Messages messages = new Sample.Messages("idle", 0,
                Arrays.stream(lags.split(",")).map(Long::valueOf).toList());

        assertThat(messages.lag()).isEqualTo(total);
        assertThat(messages.lagText()).isEqualTo(text);
    }
}
