package com.custodian;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import jakarta.persistence.Entity;

/** The package-by-feature rules of DESIGN.md, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.custodian");

    @Test
    void featuresHaveNoCycles() {
        slices().matching("com.custodian.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void viewsNeverTouchRepositoriesOrEntities() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .check(CLASSES);
    }

    @Test
    void repositoriesAndEntitiesStayInsideTheirFeature() {
        noClasses().that().areAssignableTo(Repository.class).or().areAnnotatedWith(Entity.class)
                .should().bePublic().check(CLASSES);
    }
}
