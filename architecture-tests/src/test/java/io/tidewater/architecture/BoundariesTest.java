package io.tidewater.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The boundaries between and within Tidewater's modules, checked over the main classes of all of them: a rule broken
 * here is a design change to discuss, not a test to adjust.
 */
@AnalyzeClasses(packages = "io.tidewater", importOptions = ImportOption.DoNotIncludeTests.class)
class BoundariesTest {

    /** The deployable services; they talk to each other through the contract and the queues, never by code. */
    private static final List<String> SERVICES = List.of("trigger", "inventory", "billing", "loader");

    private static final String LAUNCHER = "io.tidewater.local.launcher..";

    /**
     * No cycle between any two packages, within a module ({@code io.tidewater.trigger.run} and {@code routing}, or a
     * package and its subpackage) or across modules: each package can be read, tested and changed from its
     * dependencies up.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.tidewater.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule servicesDoNotImportEachOther = slices().matching("io.tidewater.(*)..")
            .namingSlices("io.tidewater.$1")
            .that(describe("are services " + SERVICES, slice -> SERVICES.contains(slice.getNamePart(1))))
            .should()
            .notDependOnEachOther()
            .because("services share only the contract and the queues, so that each one deploys alone");

    @ArchTest
    static final ArchRule contractAndSchemaLibraryUseNoSpringOrSpark = noClasses()
            .that()
            .resideInAnyPackage("io.tidewater.contract..", "io.tidewater.schema..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.apache.spark..")
            .because("the contract and the schema library are plain libraries any service or tool can use");

    @ArchTest
    static final ArchRule onlyTheLocalStackAndTheBenchUseTheLauncher = noClasses()
            .that()
            .resideOutsideOfPackages("io.tidewater.local..", "io.tidewater.bench..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(LAUNCHER)
            .because("the launcher is the local command line, not an API for the services");
}
