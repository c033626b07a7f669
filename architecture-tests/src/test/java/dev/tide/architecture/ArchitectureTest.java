package dev.tide.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

/** The module and package rules of docs/architecture.md, checked against the compiled production classes. */
class ArchitectureTest {

    private static JavaClasses tide;

    @BeforeAll
    static void importTheCompiledModules() {
        tide = TideRepository.productionClasses();
    }

    @Test
    void scalerApiDependsOnNoOtherTideClass() {
        SCALER_API_DEPENDS_ON_NO_OTHER_TIDE_CLASS.check(tide);
    }

    @Test
    void scalerPluginsDependOnNoTideClassButTheSpiAndTheirOwnPackage() {
        PLUGINS_DEPEND_ONLY_ON_THE_SPI.check(tide);
    }

    @Test
    void theSharedHttpLibraryDependsOnlyOnTheSpiAmongTideClasses() {
        HTTP_SUPPORT_DEPENDS_ONLY_ON_THE_SPI.check(tide);
    }

    @Test
    void theServicesNeverUseAConcreteScaler() {
        SERVICES_USE_NO_CONCRETE_SCALER.check(tide);
    }

    @Test
    void theMetricsServiceUsesNoScalerAtAll() {
        METRICS_SERVICE_USES_NO_SCALER.check(tide);
    }

    @Test
    void scalerHostDependsOnlyOnTheSpiAmongTideClasses() {
        SCALER_HOST_DEPENDS_ONLY_ON_THE_SPI.check(tide);
    }

    @Test
    void replicaMathDependsOnlyOnTheSpiAmongTideClasses() {
        REPLICA_MATH_DEPENDS_ONLY_ON_THE_SPI.check(tide);
    }

    @Test
    void kedaApiDependsOnNoOtherTidePackage() {
        KEDA_API_DEPENDS_ON_NO_OTHER_TIDE_PACKAGE.check(tide);
    }

    @Test
    void theFormulaLanguageDependsOnNoOtherTideClass() {
        FORMULA_DEPENDS_ON_NO_OTHER_TIDE_CLASS.check(tide);
    }

    @Test
    void theAdmissionModuleDependsOnlyOnTheValidatorAndTheHost() {
        ADMISSION_DEPENDS_ONLY_ON_THE_VALIDATOR_AND_THE_HOST.check(tide);
    }

    @Test
    void tideLintDependsOnlyOnAdmissionAndBelow() {
        LINT_DEPENDS_ONLY_ON_ADMISSION_AND_BELOW.check(tide);
    }

    @Test
    void theValidatorUsesNoSpring() {
        THE_VALIDATOR_USES_NO_SPRING.check(tide);
    }

    @Test
    void theWebhookDoesNotWaitForLeadership() {
        THE_WEBHOOK_DOES_NOT_WAIT_FOR_LEADERSHIP.check(tide);
    }

    @Test
    void thePackagesOfTheControllerAreFreeOfCycles() {
        CONTROLLER_PACKAGES_ARE_FREE_OF_CYCLES.check(tide);
    }

    @Test
    void onlyKubeCallsFabric8ScaleOrStatusSubresourceOperations() {
        ONLY_KUBE_CALLS_FABRIC8_SCALE_OR_STATUS.check(tide);
    }
}
