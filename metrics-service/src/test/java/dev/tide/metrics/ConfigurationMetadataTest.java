package dev.tide.metrics;

import dev.tide.servicetest.PropertiesMetadata;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every {@code tide.*} property the metrics service binds or names has IDE metadata with a description. */
class ConfigurationMetadataTest {

    @Test
    void everyTidePropertyBoundOrNamedHasMetadataWithADescription() throws IOException {
        PropertiesMetadata.assertEveryTidePropertyIsDescribed("tide.metrics.cert-dir", "tide.metrics.controller.endpoints");
    }
}
