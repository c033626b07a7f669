package dev.tide.controller;

import dev.tide.servicetest.PropertiesMetadata;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every {@code tide.*} property the controller binds or names has IDE metadata with a description. */
class ConfigurationMetadataTest {

    @Test
    void everyTidePropertyBoundOrNamedHasMetadataWithADescription() throws IOException {
        PropertiesMetadata.assertEveryTidePropertyIsDescribed(
                "tide.controller.cache-sync-timeout", "tide.controller.leader-election.lease-name");
    }
}
