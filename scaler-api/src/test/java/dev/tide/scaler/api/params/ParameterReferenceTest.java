package dev.tide.scaler.api.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterReferenceTest {

    private static final class SampleFactory implements ScalerFactory {
        @Override
        public String type() {
            return "sample";
        }

        @Override
        public Scaler create(TriggerConfig config) {
            throw new UnsupportedOperationException("only described here");
        }

        @Override
        public List<Class<? extends Record>> parameterTypes() {
            return List.of(ParameterBinderTest.Sample.class);
        }
    }

    @Test
    void listsEveryParameterWithItsTypeDefaultSourcesAndRules() {
        String markdown = ParameterReference.markdown(List.of(new SampleFactory()), "regen");

        assertThat(markdown)
                .contains("Regenerate with `regen`.")
                .contains("## `sample`")
                .contains("| `topic` | string | yes |  | triggerMetadata | the topic |")
                .contains("| `lagThreshold` | integer | no | `10` | triggerMetadata | must be greater than 0 |")
                .contains("| `offsetResetPolicy` | enum | no | `latest` | triggerMetadata | one of `latest`, `earliest` |")
                .contains("| `partitionLimitation` | list of integer | no |  | triggerMetadata | separated by `,`, ranges such as `1-5` allowed |")
                .contains("| `password` | secret | no |  | authParams, triggerMetadata, resolvedEnv | secret: redacted everywhere |");
    }
}
