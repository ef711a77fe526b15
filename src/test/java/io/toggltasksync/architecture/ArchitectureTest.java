package io.toggltasksync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md: dependencies run one way, the planner is pure, route beans keep no run's state. */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.toggltasksync");

    @Test
    void noPackageCycles() {
        slices().matching("io.toggltasksync.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void dependenciesRunOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("entry point").definedBy("io.toggltasksync")
                .layer("sandbox").definedBy("io.toggltasksync.sandbox..")
                .layer("webhook").definedBy("io.toggltasksync.webhook..")
                .layer("check").definedBy("io.toggltasksync.check..")
                .layer("worklogsync").definedBy("io.toggltasksync.worklogsync..")
                .layer("sync").definedBy("io.toggltasksync.sync..")
                .layer("apply").definedBy("io.toggltasksync.apply..")
                .layer("account").definedBy("io.toggltasksync.account..")
                .layer("plan").definedBy("io.toggltasksync.plan..")
                .layer("worklog").definedBy("io.toggltasksync.worklog..")
                .layer("state").definedBy("io.toggltasksync.state..")
                .layer("source").definedBy("io.toggltasksync.source..")
                .layer("toggl").definedBy("io.toggltasksync.toggl..")
                .layer("config").definedBy("io.toggltasksync.config..")
                .layer("support").definedBy("io.toggltasksync.support..")
                .layer("model").definedBy("io.toggltasksync.model..")
                .whereLayer("model").mayNotAccessAnyLayer()
                .whereLayer("support").mayNotAccessAnyLayer()
                .whereLayer("config").mayOnlyAccessLayers("model", "support")
                .whereLayer("source").mayOnlyAccessLayers("model", "config", "support")
                .whereLayer("toggl").mayOnlyAccessLayers("model", "config", "support")
                .whereLayer("plan").mayOnlyAccessLayers("model")
                .whereLayer("worklog").mayOnlyAccessLayers("model")
                .whereLayer("account").mayOnlyAccessLayers("model", "support")
                .whereLayer("state").mayOnlyAccessLayers("model", "support")
                .whereLayer("apply").mayOnlyAccessLayers("model", "config", "support", "plan", "toggl", "account")
                .whereLayer("sync").mayOnlyAccessLayers("model", "config", "support", "plan", "toggl", "account", "apply", "source", "state")
                // source: a receiver reads its source's deliveries (source.github's GithubDelivery, GithubEvent)
                .whereLayer("webhook").mayOnlyAccessLayers("model", "config", "support", "source", "sync")
                .whereLayer("webhook").mayOnlyBeAccessedByLayers("entry point")
                // the worklog run: after the task sync, reached by its route only; sync never imports it
                .whereLayer("worklogsync").mayOnlyAccessLayers("model", "config", "support", "plan", "worklog", "toggl", "source",
                        "account", "apply", "sync", "state")
                .whereLayer("worklogsync").mayNotBeAccessedByAnyLayer()
                .whereLayer("check").mayOnlyAccessLayers("model", "config", "support", "plan", "toggl", "source", "state", "sync")
                .whereLayer("sandbox").mayOnlyAccessLayers("model", "config", "support")
                .whereLayer("sandbox").mayOnlyBeAccessedByLayers("entry point")
                .check(APP);
    }

    @Test
    void thePlannerImportsNothingButTheModelAndTheJdk() {
        classes().that().resideInAPackage("io.toggltasksync.plan..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.toggltasksync.model..", "io.toggltasksync.plan..")
                .check(APP);
    }

    @Test
    void theWorklogPlannerImportsNothingButTheModelAndTheJdk() {
        classes().that().resideInAPackage("io.toggltasksync.worklog..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.toggltasksync.model..", "io.toggltasksync.worklog..")
                .check(APP);
    }

    @Test
    void routeBeansKeepNoStateOfARun() {
        // a bean the routes call lives as long as the app: a run's state in it would leak into the next run
        fields().that().areDeclaredInClassesThat().areAnnotatedWith(Named.class)
                .should().beStatic().andShould().beFinal()
                .orShould().beAnnotatedWith(Inject.class)
                .check(APP);
    }

    /** The run's core: what every source shares. A tracker plugs in through the contract in {@code source}, never by name here. */
    private static final String[] CORE = {"io.toggltasksync.sync..", "io.toggltasksync.state..", "io.toggltasksync.plan..",
            "io.toggltasksync.apply..", "io.toggltasksync.account..", "io.toggltasksync.toggl.."};
    private static final String TRACKER_NAME = "(?i).*(jira|github).*";

    @Test
    void theCoreUsesNoTrackersClasses() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.toggltasksync.source.jira..", "io.toggltasksync.source.csv..",
                        "io.toggltasksync.source.github..", "io.toggltasksync.webhook..", "io.toggltasksync.worklogsync..")
                .check(APP);
    }

    @Test
    void theCoreNamesNoTracker() {
        noClasses().that().resideInAnyPackage(CORE).should().haveNameMatching("(?i).*\\.[^.]*(jira|github)[^.]*").check(APP);
        noFields().that().areDeclaredInClassesThat().resideInAnyPackage(CORE).should().haveNameMatching(TRACKER_NAME).check(APP);
        noMethods().that().areDeclaredInClassesThat().resideInAnyPackage(CORE).should().haveNameMatching(TRACKER_NAME).check(APP);
    }
}
