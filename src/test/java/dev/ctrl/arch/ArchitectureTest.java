package dev.ctrl.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: the engine and the model do no I/O and know no edge. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.ctrl");

  @Test
  void engineAndModelDoNoIo() {
    noClasses().that().resideInAnyPackage("dev.ctrl.engine..", "dev.ctrl.model..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.ctrl.store..", "dev.ctrl.cli..", "dev.ctrl.service..", "dev.ctrl.config..", "dev.ctrl.agent..",
            "dev.ctrl.verify..", "dev.ctrl.http..", "dev.ctrl.rollout..", "org.jooq..", "okhttp3..", "picocli..",
            "java.sql..", "java.net..", "java.io..", "java.nio.file..", "org.yaml..")
        .check(CLASSES);
  }

  @Test
  void engineReadsNoClock() {
    noClasses().that().resideInAnyPackage("dev.ctrl.engine..", "dev.ctrl.model..")
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .check(CLASSES);
  }

  @Test
  void onlyTheStoreSpeaksSql() {
    noClasses().that().resideOutsideOfPackages("dev.ctrl.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void commandsDoNotReachIntoTheStoreImplementation() {
    noClasses().that().resideInAnyPackage("dev.ctrl.cli..", "dev.ctrl.service..")
        .should().dependOnClassesThat().haveSimpleNameStartingWith("Jooq")
        .andShould().dependOnClassesThat().resideInAnyPackage("dev.ctrl.store.generated..")
        .check(CLASSES);
  }
}
