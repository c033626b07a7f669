package dev.tide.scaler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerApi.ApiVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScalerApiTest {

    @Test
    void knowsItsOwnVersionFromTheBuild() {
        assertThat(ScalerApi.version()).isEqualTo(new ApiVersion(1, 7));
    }

    @ParameterizedTest(name = "host {0} runs a plugin built for {1}: {2}")
    @CsvSource({
            "1.0, 1.0, true",
            "1.3, 1.1, true",
            "1.1, 1.2, false",
            "1.0, 2.0, false",
            "2.0, 1.0, false",
            "1.0, 1, true"})
    void acceptsPluginsOfTheSameMajorAndAnOlderOrEqualMinorVersion(String host, String plugin, boolean accepted) {
        assertThat(ApiVersion.parse(host).accepts(ApiVersion.parse(plugin))).isEqualTo(accepted);
    }

    @Test
    void refusesAVersionThatIsNotMajorDotMinor() {
        assertThatThrownBy(() -> ApiVersion.parse("one.two"))
                .hasMessage("SPI version \"one.two\" is not of the form major.minor");
    }
}
