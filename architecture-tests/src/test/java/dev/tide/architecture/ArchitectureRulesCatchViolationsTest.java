package dev.tide.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.tide.admission.fixture.AdmissionUsingTheController;
import dev.tide.controller.admission.fixture.WebhookWaitingForTheLeader;
import dev.tide.controller.fixture.ControllerUsingKafkaScaler;
import dev.tide.controller.scaling.fixture.ScaleLoopFixture;
import dev.tide.formula.fixture.FormulaUsingKedaApi;
import dev.tide.keda.fixture.ValidatorUsingSpring;
import dev.tide.lint.fixture.LintUsingTheController;
import dev.tide.controller.fixture.ScalesOutsideKube;
import dev.tide.controller.fixture.WritesStatusOutsideKube;
import dev.tide.controller.fixtureleft.LeftPackageUsingRight;
import dev.tide.controller.fixtureright.RightPackageUsingLeft;
import dev.tide.controller.kube.fixture.ScalesInsideKube;
import dev.tide.keda.fixture.KedaModelUsingSpi;
import dev.tide.metrics.fixture.MetricsServiceUsingTheSpi;
import dev.tide.replicas.fixture.ReplicaMathUsingScalerHost;
import dev.tide.sandbox.fixture.HpaLoopScales;
import dev.tide.scaler.api.fixture.SpiTypeUsingKedaApi;
import dev.tide.scaler.api.fixture.SpiValue;
import dev.tide.scaler.azurequeue.fixture.AzureQueueScalerUsingKafkaScaler;
import dev.tide.scaler.host.fixture.PluginRegistryUsingKedaApi;
import dev.tide.scaler.http.fixture.HttpSupportUsingAPlugin;
import dev.tide.scaler.kafka.fixture.KafkaScalerUsingKedaApi;
import dev.tide.scaler.kafka.fixture.KafkaScalerUsingOnlyTheSpi;
import dev.tide.scaler.metricsapi.fixture.MetricsApiScalerUsingScalerHost;
import dev.tide.scaler.prometheus.fixture.PrometheusScalerUsingHttpSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tide.architecture.ArchitectureRules.ADMISSION_DEPENDS_ONLY_ON_THE_VALIDATOR_AND_THE_HOST;
import static dev.tide.architecture.ArchitectureRules.CONTROLLER_PACKAGES_ARE_FREE_OF_CYCLES;
import static dev.tide.architecture.ArchitectureRules.FORMULA_DEPENDS_ON_NO_OTHER_TIDE_CLASS;
import static dev.tide.architecture.ArchitectureRules.LINT_DEPENDS_ONLY_ON_ADMISSION_AND_BELOW;
import static dev.tide.architecture.ArchitectureRules.THE_VALIDATOR_USES_NO_SPRING;
import static dev.tide.architecture.ArchitectureRules.THE_WEBHOOK_DOES_NOT_WAIT_FOR_LEADERSHIP;
import static dev.tide.architecture.ArchitectureRules.KEDA_API_DEPENDS_ON_NO_OTHER_TIDE_PACKAGE;
import static dev.tide.architecture.ArchitectureRules.METRICS_SERVICE_USES_NO_SCALER;
import static dev.tide.architecture.ArchitectureRules.ONLY_KUBE_CALLS_FABRIC8_SCALE_OR_STATUS;
import static dev.tide.architecture.ArchitectureRules.HTTP_SUPPORT_DEPENDS_ONLY_ON_THE_SPI;
import static dev.tide.architecture.ArchitectureRules.PLUGINS_DEPEND_ONLY_ON_THE_SPI;
import static dev.tide.architecture.ArchitectureRules.REPLICA_MATH_DEPENDS_ONLY_ON_THE_SPI;
import static dev.tide.architecture.ArchitectureRules.SCALER_API_DEPENDS_ON_NO_OTHER_TIDE_CLASS;
import static dev.tide.architecture.ArchitectureRules.SCALER_HOST_DEPENDS_ONLY_ON_THE_SPI;
import static dev.tide.architecture.ArchitectureRules.SERVICES_USE_NO_CONCRETE_SCALER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every rule of {@link ArchitectureRules}, evaluated against fixture classes (in the test sources, in the packages
 * the rule governs) that break it: the rule must report the fixture's forbidden dependency, so a rule that passes
 * on the real code passes because the code keeps it, not because the rule checks nothing.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importClasses(
            SpiValue.class, SpiTypeUsingKedaApi.class,
            KafkaScalerUsingKedaApi.class, KafkaScalerUsingOnlyTheSpi.class, AzureQueueScalerUsingKafkaScaler.class,
            MetricsApiScalerUsingScalerHost.class, HttpSupportUsingAPlugin.class, PrometheusScalerUsingHttpSupport.class,
            PluginRegistryUsingKedaApi.class, ReplicaMathUsingScalerHost.class, KedaModelUsingSpi.class,
            ControllerUsingKafkaScaler.class, MetricsServiceUsingTheSpi.class,
            LeftPackageUsingRight.class, RightPackageUsingLeft.class,
            ScalesOutsideKube.class, WritesStatusOutsideKube.class, ScalesInsideKube.class, HpaLoopScales.class,
            AdmissionUsingTheController.class, LintUsingTheController.class, ValidatorUsingSpring.class,
            WebhookWaitingForTheLeader.class, ScaleLoopFixture.class, FormulaUsingKedaApi.class);

    @Test
    void formulaRuleReportsTheLanguageUsingKedaApi() {
        assertThat(violations(FORMULA_DEPENDS_ON_NO_OTHER_TIDE_CLASS)).anySatisfy(line -> assertThat(line)
                .contains(FormulaUsingKedaApi.class.getName()).contains("dev.tide.keda.api.ScaledObject"));
    }

    @Test
    void admissionRuleReportsTheSharedModuleUsingTheController() {
        assertThat(violations(ADMISSION_DEPENDS_ONLY_ON_THE_VALIDATOR_AND_THE_HOST)).anySatisfy(line -> assertThat(line)
                .contains(AdmissionUsingTheController.class.getName()).contains(ControllerUsingKafkaScaler.class.getName()));
    }

    @Test
    void lintRuleReportsTheLinterUsingTheController() {
        assertThat(violations(LINT_DEPENDS_ONLY_ON_ADMISSION_AND_BELOW)).anySatisfy(line -> assertThat(line)
                .contains(LintUsingTheController.class.getName()).contains(ControllerUsingKafkaScaler.class.getName()));
    }

    @Test
    void noSpringRuleReportsAValidatorClassUsingSpring() {
        assertThat(violations(THE_VALIDATOR_USES_NO_SPRING)).anySatisfy(line -> assertThat(line)
                .contains(ValidatorUsingSpring.class.getName()).contains("org.springframework.util.StringUtils"));
    }

    @Test
    void webhookRuleReportsTheWebhookAskingTheLeaderOnlyLoops() {
        assertThat(violations(THE_WEBHOOK_DOES_NOT_WAIT_FOR_LEADERSHIP)).anySatisfy(line -> assertThat(line)
                .contains(WebhookWaitingForTheLeader.class.getName()).contains(ScaleLoopFixture.class.getName()));
    }

    @Test
    void scalerApiRuleReportsAnSpiTypeUsingKedaApi() {
        assertThat(violations(SCALER_API_DEPENDS_ON_NO_OTHER_TIDE_CLASS))
                .anySatisfy(line -> assertThat(line)
                        .contains(SpiTypeUsingKedaApi.class.getName()).contains("dev.tide.keda.api.EventReason"))
                .noneSatisfy(line -> assertThat(origin(line)).contains(SpiValue.class.getName()));
    }

    @Test
    void pluginRuleReportsAPluginUsingKedaApiTheHostOrAnotherPlugin() {
        List<String> violations = violations(PLUGINS_DEPEND_ONLY_ON_THE_SPI);

        assertThat(violations)
                .anySatisfy(line -> assertThat(line)
                        .contains(KafkaScalerUsingKedaApi.class.getName()).contains("dev.tide.keda.api.EventReason"))
                .anySatisfy(line -> assertThat(line)
                        .contains(AzureQueueScalerUsingKafkaScaler.class.getName())
                        .contains(KafkaScalerUsingOnlyTheSpi.class.getName()))
                .anySatisfy(line -> assertThat(line)
                        .contains(MetricsApiScalerUsingScalerHost.class.getName())
                        .contains(PluginRegistryUsingKedaApi.class.getName()));
        assertThat(violations).noneSatisfy(line -> assertThat(origin(line)).contains(KafkaScalerUsingOnlyTheSpi.class.getName()));
    }

    @Test
    void pluginRuleLetsAPluginUseTheSharedHttpLibrary() {
        assertThat(violations(PLUGINS_DEPEND_ONLY_ON_THE_SPI))
                .noneSatisfy(line -> assertThat(origin(line)).contains(PrometheusScalerUsingHttpSupport.class.getName()));
    }

    @Test
    void httpLibraryRuleReportsTheLibraryUsingAPlugin() {
        assertThat(violations(HTTP_SUPPORT_DEPENDS_ONLY_ON_THE_SPI)).anySatisfy(line -> assertThat(line)
                .contains(HttpSupportUsingAPlugin.class.getName()).contains(KafkaScalerUsingOnlyTheSpi.class.getName()));
    }

    @Test
    void servicesRuleReportsAControllerClassCreatingAConcreteScaler() {
        assertThat(violations(SERVICES_USE_NO_CONCRETE_SCALER)).anySatisfy(line -> assertThat(line)
                .contains(ControllerUsingKafkaScaler.class.getName()).contains(KafkaScalerUsingOnlyTheSpi.class.getName()));
    }

    @Test
    void metricsServiceRuleReportsAMetricsClassUsingEvenTheSpi() {
        assertThat(violations(METRICS_SERVICE_USES_NO_SCALER)).anySatisfy(line -> assertThat(line)
                .contains(MetricsServiceUsingTheSpi.class.getName()).contains(SpiValue.class.getName()));
    }

    @Test
    void scalerHostRuleReportsTheHostUsingKedaApi() {
        assertThat(violations(SCALER_HOST_DEPENDS_ONLY_ON_THE_SPI)).anySatisfy(line -> assertThat(line)
                .contains(PluginRegistryUsingKedaApi.class.getName()).contains("dev.tide.keda.api.KedaCondition"));
    }

    @Test
    void replicaMathRuleReportsTheHostButNotTheSpi() {
        List<String> violations = violations(REPLICA_MATH_DEPENDS_ONLY_ON_THE_SPI);

        assertThat(violations).anySatisfy(line -> assertThat(line)
                .contains(ReplicaMathUsingScalerHost.class.getName()).contains(PluginRegistryUsingKedaApi.class.getName()));
        assertThat(violations).noneSatisfy(line -> assertThat(line)
                .containsAnyOf("<" + SpiValue.class.getName() + ">", "<" + SpiValue.class.getName() + "."));
    }

    @Test
    void kedaApiRuleReportsKedasModelUsingTheSpi() {
        assertThat(violations(KEDA_API_DEPENDS_ON_NO_OTHER_TIDE_PACKAGE)).anySatisfy(line -> assertThat(line)
                .contains(KedaModelUsingSpi.class.getName()).contains(SpiValue.class.getName()));
    }

    @Test
    void cycleRuleReportsTwoControllerPackagesUsingEachOther() {
        assertThat(String.join("\n", violations(CONTROLLER_PACKAGES_ARE_FREE_OF_CYCLES)))
                .contains("Cycle detected: controller package 'fixtureleft' -> ")
                .contains(LeftPackageUsingRight.class.getName())
                .contains(RightPackageUsingLeft.class.getName());
    }

    @Test
    void scaleAndStatusRuleReportsEveryCallOutsideKube() {
        assertThat(violations(ONLY_KUBE_CALLS_FABRIC8_SCALE_OR_STATUS))
                .anySatisfy(line -> assertThat(line).contains(ScalesOutsideKube.class.getName() + ".scale(")
                        .contains("calls method <io.fabric8.kubernetes.client.dsl.RollableScalableResource.scale(int)>"))
                .anySatisfy(line -> assertThat(line).contains(ScalesOutsideKube.class.getName() + ".readScaleLater(")
                        .contains("references method <io.fabric8.kubernetes.client.dsl.Scalable.scale()>"))
                .anySatisfy(line -> assertThat(line).contains(WritesStatusOutsideKube.class.getName() + ".patchStatus(")
                        .contains("calls method <io.fabric8.kubernetes.client.dsl.Resource.patchStatus()>"))
                .anySatisfy(line -> assertThat(line).contains(WritesStatusOutsideKube.class.getName())
                        .contains("calls method <io.fabric8.kubernetes.client.dsl.Resource.subresource(java.lang.String)>"));
    }

    @Test
    void scaleAndStatusRuleAllowsKubeAndTheSandbox() {
        JavaClasses allowed = new ClassFileImporter().importClasses(ScalesInsideKube.class, HpaLoopScales.class,
                ControllerUsingKafkaScaler.class);

        assertThat(ONLY_KUBE_CALLS_FABRIC8_SCALE_OR_STATUS.evaluate(allowed).hasViolation()).isFalse();
    }

    @Test
    void aBrokenRuleFailsWithArchUnitsMessage() {
        assertThatThrownBy(() -> ONLY_KUBE_CALLS_FABRIC8_SCALE_OR_STATUS.check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Architecture Violation [Priority: MEDIUM] - Rule 'no classes that reside "
                        + "outside of packages ['dev.tide.controller.kube..', 'dev.tide.sandbox..'] should access target "
                        + "where target is fabric8's /scale or status subresource operation");
    }

    /** The class or member a violation line starts with ("Method <a.B.m(x.Y)> calls ..."): its origin. */
    private static String origin(String violation) {
        return violation.substring(0, violation.indexOf('>') + 1);
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as("%s reports a violation on the fixtures", rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }
}
