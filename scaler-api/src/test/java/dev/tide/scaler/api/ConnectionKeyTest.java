package dev.tide.scaler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a plugin gets by default, and what the key lets a host show. */
class ConnectionKeyTest {

    static TriggerConfig trigger(String type, Map<String, String> metadata, Map<String, String> auth) {
        return TriggerConfig.builder(type).metadata(metadata).authParams(auth).build();
    }

    private static final ScalerFactory PLUGIN = new ScalerFactory() {
        @Override
        public String type() {
            return "plugin";
        }

        @Override
        public Scaler create(TriggerConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Class<? extends Record>> parameterTypes() {
            return List.of();
        }
    };

    @Test
    void byDefaultAnyMetadataDifferenceIsAnotherConnection() {
        var a = trigger("plugin", Map.of("url", "u", "q", "a"), Map.of());
        var b = trigger("plugin", Map.of("url", "u", "q", "b"), Map.of());

        assertThat(PLUGIN.connectionKey(a)).isNotEqualTo(PLUGIN.connectionKey(b));
        assertThat(PLUGIN.connectionKey(a)).isEqualTo(PLUGIN.connectionKey(trigger("plugin", Map.of("q", "a", "url", "u"), Map.of())));
    }

    @Test
    void aFactoryNamingItsConnectionParametersGroupsTriggersByThemAndTheirCredential() {
        var a = ConnectionKey.of(trigger("plugin", Map.of("url", "u", "q", "a"), Map.of("token", "t1")), Set.of("url"));
        var b = ConnectionKey.of(trigger("plugin", Map.of("url", "u", "q", "b"), Map.of("token", "t1")), Set.of("url"));
        var c = ConnectionKey.of(trigger("plugin", Map.of("url", "u", "q", "b"), Map.of("token", "t2")), Set.of("url"));

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void theKeyShowsOnlyAHashNeverAnInput() {
        var key = ConnectionKey.of(trigger("plugin", Map.of("url", "https://host"), Map.of("token", "s3cr3t")), Set.of("url"));

        assertThat(key.id()).matches("plugin-[0-9a-f]{12}");
        assertThat(key.toString()).contains(key.id()).doesNotContain("s3cr3t", "host");
    }
}
