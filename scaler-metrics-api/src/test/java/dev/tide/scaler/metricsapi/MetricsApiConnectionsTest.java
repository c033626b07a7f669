package dev.tide.scaler.metricsapi;

import static dev.tide.scaler.metricsapi.MetricsApiParametersTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.TriggerConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One HTTP client per server and TLS identity, shared by the triggers that use it and dropped with the last of them;
 * one connection key (the host's guard) per server and credential.
 */
class MetricsApiConnectionsTest {

    private final MetricsApiScalerFactory factory = new MetricsApiScalerFactory();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | first trigger                                                  | second trigger                                                          | clients | same key
            two paths on one server                 | url=http://api:80/a;valueLocation=x;targetValue=1               | url=http://API/b?page=2;valueLocation=y;targetValue=2;format=yaml        | 1       | true
            two servers                             | url=http://api-a/a;valueLocation=x;targetValue=1                | url=http://api-b/a;valueLocation=x;targetValue=1                         | 2       | false
            http and https on one host              | url=http://api/a;valueLocation=x;targetValue=1                  | url=https://api/a;valueLocation=x;targetValue=1                          | 2       | false
            unsafeSsl on one of them                | url=https://api/a;valueLocation=x;targetValue=1                 | url=https://api/a;valueLocation=x;targetValue=1;unsafeSsl=true           | 2       | false
            two API keys on one server              | url=http://api/a;valueLocation=x;targetValue=1;authMode=apiKey;apiKey=k1 | url=http://api/a;valueLocation=x;targetValue=1;authMode=apiKey;apiKey=k2 | 1 | false
            one API key, two queries on one server  | url=http://api/a;valueLocation=x;targetValue=1;authMode=apiKey;apiKey=k1 | url=http://api/b;valueLocation=y;targetValue=3;authMode=apiKey;apiKey=k1 | 1 | true
            """)
    void triggersShareAClientPerServerAndTlsIdentityAndAGuardPerServerAndCredential(String what, String first,
            String second, int clients, boolean sameKey) {
        TriggerConfig one = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(map(first)).build();
        TriggerConfig two = TriggerConfig.builder(MetricsApiScalerFactory.TYPE).metadata(map(second)).build();

        try (Scaler a = factory.create(one); Scaler b = factory.create(two)) {
            assertThat(factory.openClients()).isEqualTo(clients);
            assertThat(factory.connectionKey(one).equals(factory.connectionKey(two))).isEqualTo(sameKey);
        }
    }

    @Test
    void theLastTriggerOnAServerLetsItsClientGo() {
        List<Scaler> scalers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            scalers.add(factory.create(TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                    .metadata(map("url=http://api/q" + i + ";valueLocation=x;targetValue=1")).build()));
        }
        assertThat(factory.openClients()).isEqualTo(1);

        scalers.get(0).close();
        scalers.get(1).close();
        assertThat(factory.openClients()).isEqualTo(1);
        scalers.get(2).close();
        assertThat(factory.openClients()).isZero();
    }

    @Test
    void theConnectionKeyShowsNoCredential() {
        TriggerConfig trigger = TriggerConfig.builder(MetricsApiScalerFactory.TYPE)
                .metadata(map("url=http://api/a;valueLocation=x;targetValue=1;authMode=bearer"))
                .authParams(map("token=s3cr3t")).build();

        assertThat(factory.connectionKey(trigger).toString()).doesNotContain("s3cr3t").startsWith("ConnectionKey[metrics-api-");
    }
}
