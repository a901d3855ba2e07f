package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = new CliRunner(dir);
    cli.ok("init");
    TestFiles.write(dir, "base.yaml", TestFiles.BASE);
  }

  @Test
  void printsOneLinePerObjectAndIsIdempotent() {
    CliRunner.Result first = cli.ok("apply", "-f", "base.yaml");
    assertThat(first.out().lines()).containsExactly(
        "system/shop created", "agent/local created", "environment/staging created", "environment/production created",
        "deployment/api created", "resource/k8s/staging created", "resource/k8s/prod-eu created");
    assertThat(first.err()).contains("release targets: 2 (2 added, 0 removed)");

    CliRunner.Result again = cli.ok("apply", "-f", "base.yaml");
    assertThat(again.out().lines()).allMatch(l -> l.endsWith(" unchanged")).hasSize(7);

    TestFiles.write(dir, "base.yaml", TestFiles.BASE.replace("name: staging\nkind", "name: staging-1\nkind"));
    assertThat(cli.ok("apply", "-f", "base.yaml").out()).contains("resource/k8s/staging updated");
  }

  @Test
  void targetsNeedBothSelectorsAndASharedSystem() {
    cli.ok("apply", "-f", "base.yaml");
    // a deployment in another system selects every cluster but shares no system with the environments
    TestFiles.write(dir, "other.yaml", """
        type: System
        name: other
        ---
        type: Deployment
        name: lonely
        systems: [other]
        resourceSelector: "true"
        """);
    cli.ok("apply", "-f", "other.yaml");
    List<?> targets = (List<?>) JsonText.parse(cli.ok("get", "targets", "-o", "json").out());
    assertThat(targets.stream().map(t -> (Object) ((Map<?, ?>) t).get("key")).toList())
        .containsExactly("api/production/k8s/prod-eu", "api/staging/k8s/staging");
    Map<?, ?> first = (Map<?, ?>) targets.get(0);
    assertThat(first.get("deployment")).isEqualTo("api");
    assertThat(first.get("environment")).isEqualTo("production");
    assertThat(first.get("resource")).isEqualTo("k8s/prod-eu");
    assertThat(first.get("resourceName")).isEqualTo("prod-eu");
    assertThat(first.containsKey("currentVersion")).isTrue();
    assertThat(first.get("currentVersion")).isNull();
  }

  @Test
  void missingKeyIsFalseAndEmptySelectorMatchesNothingWithAWarning() {
    TestFiles.write(dir, "more.yaml", """
        type: Environment
        name: eu
        systems: [shop]
        resourceSelector: resource.metadata.region == "eu"
        ---
        type: Environment
        name: nowhere
        systems: [shop]
        """);
    CliRunner.Result r = cli.ok("apply", "-f", "base.yaml", "-f", "more.yaml");
    assertThat(r.err()).contains("warning: more.yaml:6:1: Environment \"nowhere\" has no resourceSelector, so it matches no resource");
    String json = cli.ok("get", "targets", "--environment", "eu", "-o", "json").out();
    // k8s/staging has no `region` key: false, not an error
    assertThat(((List<?>) JsonText.parse(json)).stream().map(t -> (Object) ((Map<?, ?>) t).get("key")).toList())
        .containsExactly("api/eu/k8s/prod-eu");
  }

  @Test
  void referencesResolveAgainstExistingState() {
    cli.ok("apply", "-f", "base.yaml");
    TestFiles.write(dir, "env.yaml", """
        type: Environment
        name: qa
        systems: [shop]
        resourceSelector: "false"
        """);
    assertThat(cli.ok("apply", "-f", "env.yaml").out()).isEqualTo("environment/qa created\n");
  }

  @Test
  void dryRunWritesNothing() {
    cli.ok("apply", "-f", "base.yaml");
    cli.ok("get", "systems");
    byte[] before = TestFiles.bytes(dir.resolve(".ctrl/state.db"));
    TestFiles.write(dir, "new.yaml", "type: System\nname: billing\n");
    CliRunner.Result r = cli.ok("apply", "-f", "new.yaml", "--dry-run");
    assertThat(r.out()).isEqualTo("system/billing created (dry run)\n");
    cli.ok("get", "systems");
    assertThat(TestFiles.bytes(dir.resolve(".ctrl/state.db"))).isEqualTo(before);
    assertThat(cli.ok("get", "systems", "-o", "json").out()).doesNotContain("billing");
  }

  @Test
  void pruneDeletesWhatNoFileMentionsButKeepsVersions() {
    cli.ok("apply", "-f", "base.yaml");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    TestFiles.write(dir, "extra.yaml", "type: System\nname: billing\n");
    cli.ok("apply", "-f", "extra.yaml");
    CliRunner.Result r = cli.ok("apply", "-f", "base.yaml", "--prune");
    assertThat(r.out()).contains("system/billing deleted");
    assertThat(cli.ok("get", "systems", "-o", "json").out()).doesNotContain("billing");
    assertThat(cli.ok("get", "versions", "-o", "json").out()).contains("\"tag\": \"v1\"");
  }

  @Test
  void duplicateNamesAcrossFilesAreRejected() {
    TestFiles.write(dir, "a.yaml", "type: System\nname: billing\n");
    TestFiles.write(dir, "b.yaml", "# again\ntype: System\nname: billing\n");
    CliRunner.Result r = cli.run("apply", "-f", "a.yaml", "-f", "b.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error: b.yaml:2:1: System \"billing\": is declared twice (first at a.yaml:1:1)");
  }

  @Test
  void nonBooleanSelectorNamesTheResource() {
    TestFiles.write(dir, "bad.yaml", TestFiles.BASE.replace("resourceSelector: resource.kind == \"KubernetesCluster\"",
        "resourceSelector: resource.name"));
    CliRunner.Result r = cli.run("apply", "-f", "bad.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Deployment \"api\" resourceSelector: \"resource.name\" yields the string \"staging\", "
        + "not a boolean (true or false) for resource \"k8s/staging\"");
  }

  @Test
  void deleteRefusesWhileReferencedThenRemovesTargets() {
    cli.ok("apply", "-f", "base.yaml");
    CliRunner.Result refused = cli.run("delete", "agent", "local");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("cannot delete agent \"local\": Deployment \"api\" refers to it in agent");
    cli.ok("delete", "environment", "staging");
    assertThat(cli.ok("get", "targets", "-o", "json").out()).doesNotContain("api/staging/");
    assertThat(cli.run("delete", "environment", "staging").err()).contains("environment \"staging\" does not exist");
  }

  @Test
  void everyExampleApplies() {
    for (String example : List.of("examples/quickstart", "examples/multi-team")) {
      CliRunner fresh = new CliRunner(dir.resolve(example.replace('/', '-')));
      fresh.ok("init");
      CliRunner.Result r = fresh.ok("apply", "-f", TestFiles.repo().resolve(example).toString());
      assertThat(r.out()).as(example).contains(" created").doesNotContain("unchanged");
      assertThat((List<?>) JsonText.parse(fresh.ok("get", "targets", "-o", "json").out())).as(example).isNotEmpty();
    }
  }
}
