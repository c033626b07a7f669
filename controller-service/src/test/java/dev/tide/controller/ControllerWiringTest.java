package dev.tide.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.controller.config.ControllerConfiguration;
import dev.tide.controller.config.ControllerProperties;
import dev.tide.controller.config.PluginLoadFailureAnalyzer;
import dev.tide.controller.kube.KubeConfiguration;
import dev.tide.controller.leader.LeaderElectionProperties;
import dev.tide.controller.observability.ObservabilityConfiguration;
import dev.tide.controller.config.ScaleLoopProperties;
import dev.tide.controller.scaling.ScalingConfiguration;
import dev.tide.controller.sources.ScalerFactories;
import dev.tide.controller.sources.SourcesConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The controller's beans and its tide.controller.* settings, without a full application. */
class ControllerWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ControllerProperties.class, ScaleLoopProperties.class, LeaderElectionProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class, ControllerConfiguration.class, KubeConfiguration.class,
                    ObservabilityConfiguration.class, SourcesConfiguration.class, ScalingConfiguration.class)
            // No leader election or loops against the shared mock server from a wiring test.
            .withPropertyValues("tide.controller.scale-loops.enabled=false")
            .withBean(KubernetesClient.class, () -> MockCluster.CLIENT, b -> b.setDestroyMethodName(""));

    @Test
    void defaultsMatchKedasAndTheBuiltInScalersAreLoaded() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ControllerProperties properties = context.getBean(ControllerProperties.class);
            assertThat(properties.watchNamespaces()).isEmpty();
            assertThat(properties.maxConcurrentReconciles()).isEqualTo(5);
            assertThat(properties.scalerTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.pluginsDir()).isEqualTo(Path.of("/opt/tide/plugins"));
            assertThat(context.getBean(ScalerFactories.class).types()).contains("azure-queue");
            assertThat(context.getBean(KubernetesClient.class)).isSameAs(MockCluster.CLIENT);
        });
    }

    @Test
    void leaderElectionDefaultsAreKedasAndBindFromTideControllerLeaderElection() {
        runner.run(context -> assertThat(context.getBean(LeaderElectionProperties.class)).satisfies(p -> {
            assertThat(p.enabled()).isTrue();
            assertThat(List.of(p.leaseDuration(), p.renewDeadline(), p.retryPeriod()))
                    .containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
        }));
        runner.withPropertyValues("tide.controller.leader-election.lease-duration=30s",
                        "tide.controller.leader-election.renew-deadline=20s", "tide.controller.leader-election.retry-period=4s",
                        "tide.controller.leader-election.lease-name=tide-a")
                .run(context -> assertThat(context.getBean(LeaderElectionProperties.class)).satisfies(p -> {
                    assertThat(p.leaseName()).isEqualTo("tide-a");
                    assertThat(p.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
                }));
        runner.withPropertyValues("tide.controller.leader-election.renew-deadline=20s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leaseDuration > renewDeadline > retryPeriod"));
    }

    @Test
    void settingsBindFromTideControllerProperties() {
        runner.withPropertyValues("tide.controller.watch-namespaces=team-a,team-b", "tide.controller.label-selector=shard=1",
                        "tide.controller.cluster-object-namespace=keda", "tide.controller.scaler-timeout=5s")
                .run(context -> {
                    ControllerProperties properties = context.getBean(ControllerProperties.class);
                    assertThat(properties.watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
                    assertThat(properties.labelSelector()).contains("shard=1");
                    assertThat(properties.clusterObjectNamespace()).isEqualTo("keda");
                    assertThat(properties.scalerTimeout()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void anUnusablePluginsFolderStopsStartupWithAnActionableReport(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path notAFolder = java.nio.file.Files.writeString(temp.resolve("plugins"), "not a folder");

        runner.withPropertyValues("tide.controller.plugins-dir=" + notAFolder).run(context -> {
            assertThat(context).hasFailed();
            var analysis = new PluginLoadFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("The scaler plugins could not be loaded: ");
            assertThat(analysis.getAction()).contains("tide.controller.plugins-dir");
        });
    }

    @Test
    void invalidSettingsStopStartupNamingTheProperty() {
        runner.withPropertyValues("tide.controller.max-concurrent-reconciles=0").run(context -> assertThat(context)
                .hasFailed()
                .getFailure().rootCause().hasMessageContaining("maxConcurrentReconciles"));
    }
}
