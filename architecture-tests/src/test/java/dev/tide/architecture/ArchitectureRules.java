package dev.tide.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module and package rules of docs/architecture.md as ArchUnit rules. Each is checked against the real classes
 * ({@link ArchitectureTest}) and against fixtures that break it ({@link ArchitectureRulesCatchViolationsTest}).
 */
final class ArchitectureRules {

    static final String TIDE = "dev.tide..";
    static final String SCALER_API = "dev.tide.scaler.api..";
    static final String SCALERS = "dev.tide.scaler..";
    /** scaler-http-support: a library the HTTP plugins share and carry, not a plugin. */
    static final String HTTP_SUPPORT = "dev.tide.scaler.http..";
    static final String SCALER_HOST = "dev.tide.scaler.host..";
    static final String REPLICA_MATH = "dev.tide.replicas..";
    static final String KEDA_API = "dev.tide.keda..";
    static final String CONTROLLER = "dev.tide.controller..";
    static final String KUBE = "dev.tide.controller.kube..";
    static final String ADMISSION = "dev.tide.admission..";
    static final String FORMULA = "dev.tide.formula..";
    static final String LINT = "dev.tide.lint..";
    static final String WEBHOOK = "dev.tide.controller.admission..";
    static final String METRICS_SERVICE = "dev.tide.metrics..";
    static final String SANDBOX = "dev.tide.sandbox..";

    /**
     * One package root per scaler plugin: the scaler-* modules (scaler-metrics-api is also packaged as a drop-in plugin
     * by examples/metrics-api-scaler).
     */
    static final List<String> PLUGINS = List.of("dev.tide.scaler.kafka..", "dev.tide.scaler.azurequeue..",
            "dev.tide.scaler.external..", "dev.tide.scaler.cpumemory..", "dev.tide.scaler.cron..",
            "dev.tide.scaler.prometheus..", "dev.tide.scaler.metricsapi..", "dev.tide.scaler.awssqs..",
            "dev.tide.scaler.rabbitmq..", "dev.tide.scaler.sql..", "dev.tide.scaler.redis..");

    /** fabric8 DSL methods that write {@code /scale} or a status subresource (checked in kubernetes-client-api 7.5.2). */
    static final Set<String> SCALE_AND_STATUS_OPERATIONS = new TreeSet<>(Set.of(
            "scale", // Scalable and TimeoutableScalable: scale(), scale(int), scale(int, boolean), scale(Scale)
            "subresource", // NonDeletingOperation and ExtensibleResource: subresource("status"), subresource("scale")
            "patchStatus", // NonDeletingOperation.patchStatus(), ItemWritableOperation.patchStatus(T)
            "updateStatus", // Replaceable.updateStatus(), ItemWritableOperation.updateStatus(T)
            "editStatus", // NonDeletingOperation.editStatus(UnaryOperator)
            "replaceStatus")); // Replaceable.replaceStatus(), ItemReplacable.replaceStatus(T)

    static final ArchRule SCALER_API_DEPENDS_ON_NO_OTHER_TIDE_CLASS = tideClassesIn(SCALER_API).mayUseOnly()
            .because("scaler-api is the plugin SPI: JDK and SLF4J only, so a plugin sees nothing else of Tide");

    static final ArchRule PLUGINS_DEPEND_ONLY_ON_THE_SPI = classes().that().resideInAnyPackage(PLUGINS.toArray(String[]::new))
            .should(dependOnNoTideClassButTheSpiAndTheirOwnPackage())
            .because("a scaler plugin is loaded in a class loader that sees only scaler-api (and the jars of its own"
                    + " folder, where a plugin that uses scaler-http-support carries it)");

    static final ArchRule HTTP_SUPPORT_DEPENDS_ONLY_ON_THE_SPI = tideClassesIn(HTTP_SUPPORT).mayUseOnly(SCALER_API)
            .because("scaler-http-support is shared by plugins and carried by each: it uses the SPI and no plugin, so no"
                    + " plugin depends on another through it");

    static final ArchRule SERVICES_USE_NO_CONCRETE_SCALER = noClasses().that().resideInAnyPackage(CONTROLLER, METRICS_SERVICE)
            .should().dependOnClassesThat().resideInAnyPackage(PLUGINS.toArray(String[]::new))
            .because("scalers are found through ServiceLoader at run time, never referenced in code");

    static final ArchRule METRICS_SERVICE_USES_NO_SCALER = noClasses().that().resideInAPackage(METRICS_SERVICE)
            .should().dependOnClassesThat().resideInAPackage(SCALERS)
            .because("the metrics service asks the controller over REST and reads no event source itself");

    static final ArchRule SCALER_HOST_DEPENDS_ONLY_ON_THE_SPI = tideClassesIn(SCALER_HOST).mayUseOnly(SCALER_API)
            .because("scaler-host loads plugins through the SPI and knows no other Tide module");

    static final ArchRule REPLICA_MATH_DEPENDS_ONLY_ON_THE_SPI = tideClassesIn(REPLICA_MATH).mayUseOnly(SCALER_API)
            .because("replica-math is pure functions over scaler-api's value records");

    static final ArchRule KEDA_API_DEPENDS_ON_NO_OTHER_TIDE_PACKAGE = tideClassesIn(KEDA_API).mayUseOnly(FORMULA)
            .because("keda-api is KEDA's model and names, shared by the services and the sandbox; its validator"
                    + " compiles scalingModifiers formulas");

    static final ArchRule FORMULA_DEPENDS_ON_NO_OTHER_TIDE_CLASS = tideClassesIn(FORMULA).mayUseOnly()
            .because("the formula language is pure functions over the JDK, shared by the validator and the scale loops");

    static final ArchRule ADMISSION_DEPENDS_ONLY_ON_THE_VALIDATOR_AND_THE_HOST = tideClassesIn(ADMISSION)
            .mayUseOnly(KEDA_API, SCALER_HOST, SCALER_API)
            .because("the admission module is shared by the controller and tide lint: no service, no Spring, no server");

    static final ArchRule LINT_DEPENDS_ONLY_ON_ADMISSION_AND_BELOW = tideClassesIn(LINT)
            .mayUseOnly(ADMISSION, KEDA_API, SCALER_HOST, SCALER_API)
            .because("tide lint runs the webhook's validator offline, without the controller");

    static final ArchRule THE_VALIDATOR_USES_NO_SPRING = noClasses().that().resideInAnyPackage(KEDA_API, ADMISSION, LINT, FORMULA)
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the webhook, the reconciler and tide lint run one validator, and lint has no Spring");

    static final ArchRule THE_WEBHOOK_DOES_NOT_WAIT_FOR_LEADERSHIP = noClasses().that().resideInAPackage(WEBHOOK)
            .should().dependOnClassesThat().resideInAnyPackage("dev.tide.controller.leader..", "dev.tide.controller.scaling..")
            .because("every replica answers the webhook, leader or standby");

    static final ArchRule CONTROLLER_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("dev.tide.controller.(*)..")
            .namingSlices("controller package '$1'")
            .should().beFreeOfCycles()
            .because("each package of controller-service has one job and uses others in one direction only");

    static final ArchRule ONLY_KUBE_CALLS_FABRIC8_SCALE_OR_STATUS = noClasses()
            .that().resideOutsideOfPackages(KUBE, SANDBOX)
            .should().accessTargetWhere(fabric8ScaleOrStatusOperation())
            .because("kube.ScaleClient is the one /scale client and kube.StatusWriter the one status writer "
                    + "(the sandbox plays the HPA controller and writes /scale itself)");

    private ArchitectureRules() {
    }

    /** Tide classes in one package, and the other Tide packages they may use. */
    private record TidePackage(String packageIdentifier) {

        ArchRule mayUseOnly(String... allowed) {
            String[] own = new String[allowed.length + 1];
            own[0] = packageIdentifier;
            System.arraycopy(allowed, 0, own, 1, allowed.length);
            DescribedPredicate<JavaClass> otherTideClasses = resideInAPackage(TIDE)
                    .and(DescribedPredicate.not(resideInAnyPackage(own)))
                    .as("reside in '%s' but outside %s", TIDE, List.of(own));
            return noClasses().that().resideInAPackage(packageIdentifier)
                    .should().dependOnClassesThat(otherTideClasses);
        }
    }

    private static TidePackage tideClassesIn(String packageIdentifier) {
        return new TidePackage(packageIdentifier);
    }

    private static ArchCondition<JavaClass> dependOnNoTideClassButTheSpiAndTheirOwnPackage() {
        return new ArchCondition<>("depend on no Tide class but scaler-api's ('%s'), scaler-http-support's ('%s') and their"
                + " own plugin's", SCALER_API, HTTP_SUPPORT) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> ownPlugin = PLUGINS.stream().filter(p -> resideInAPackage(p).test(origin)).findFirst();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    boolean otherTide = resideInAPackage(TIDE).test(target)
                            && !resideInAPackage(SCALER_API).test(target)
                            && !resideInAPackage(HTTP_SUPPORT).test(target)
                            && ownPlugin.map(p -> !resideInAPackage(p).test(target)).orElse(true);
                    if (otherTide) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static DescribedPredicate<JavaAccess<?>> fabric8ScaleOrStatusOperation() {
        DescribedPredicate<JavaClass> fabric8Client = resideInAPackage("io.fabric8.kubernetes.client..");
        return DescribedPredicate.describe(
                "target is fabric8's /scale or status subresource operation " + SCALE_AND_STATUS_OPERATIONS
                        + " on a type in 'io.fabric8.kubernetes.client..'",
                access -> SCALE_AND_STATUS_OPERATIONS.contains(access.getName())
                        && fabric8Client.test(access.getTargetOwner()));
    }
}
