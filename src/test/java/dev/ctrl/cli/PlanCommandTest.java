package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ctrl plan`, approvals and skips through the command line (issue behaviours 29, 30). */
class PlanCommandTest {
  static final String POLICIES = """
      type: Policy
      name: prod-gates
      selector: environment.name == "production"
      rules:
        - approval: {minApprovals: 1}
        - gradualRollout: {interval: 10m, waitForVerification: false}
      """;

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = new CliRunner(dir);
    cli.ok("init");
    TestFiles.write(dir, "base.yaml", TestFiles.BASE + "---\n" + POLICIES);
    cli.ok("apply", "-f", "base.yaml");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> plan(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "plan";
    args[1] = "-o";
    args[2] = "json";
    System.arraycopy(extra, 0, args, 3, extra.length);
    return (List<Map<String, Object>>) JsonText.parse(cli.ok(args).out());
  }

  @Test
  void jsonExplainsEveryTarget() {
    List<Map<String, Object>> plan = plan();
    assertThat(plan).extracting(m -> m.get("key")).containsExactly("api/production/k8s/prod-eu", "api/staging/k8s/staging");
    Map<String, Object> prod = plan.get(0);
    assertThat(prod).containsEntry("action", "blocked").containsEntry("currentVersion", null)
        .containsEntry("desiredVersion", null).containsEntry("nextEvaluation", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> rule = ((List<Map<String, Object>>) ((List<Map<String, Object>>) prod.get("versions")).get(0)
        .get("rules")).get(0);
    assertThat(rule).containsEntry("policy", "prod-gates").containsEntry("rule", 1L).containsEntry("type", "approval")
        .containsEntry("verdict", "pending").containsEntry("reason", "approval 0/1 for v1 in production");
    assertThat(plan.get(1)).containsEntry("action", "deploy").containsEntry("desiredVersion", "v1");
  }

  @Test
  void yamlHasTheShapeOfTheJson() {
    String yaml = cli.ok("plan", "-o", "yaml").out();
    assertThat(yaml).contains("key: api/production/k8s/prod-eu").contains("action: blocked")
        .contains("policy: prod-gates").contains("reason: approval 0/1 for v1 in production")
        .contains("key: api/staging/k8s/staging").contains("desiredVersion: v1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyNonAllowedRuleHasAReasonAndTimedOnesANextEvaluation() {
    cli.ok("approve", "--deployment", "api", "--tag", "v1", "--environment", "production", "--as", "alice");
    TestFiles.write(dir, "more.yaml", """
        type: Resource
        identifier: k8s/prod-us
        name: prod-us
        kind: KubernetesCluster
        version: v1
        metadata: {env: prod}
        """);
    cli.ok("apply", "-f", "more.yaml");
    List<Map<String, Object>> plan = plan("--environment", "production");
    long waiting = 0;
    for (Map<String, Object> t : plan) {
      for (Map<String, Object> v : (List<Map<String, Object>>) t.get("versions")) {
        for (Map<String, Object> r : (List<Map<String, Object>>) v.get("rules")) {
          if (!"allowed".equals(r.get("verdict"))) {
            assertThat((String) r.get("reason")).isNotBlank();
            if ("gradualRollout".equals(r.get("type"))) {
              assertThat(r.get("nextEvaluation")).isNotNull();
              waiting++;
            }
          }
        }
      }
    }
    assertThat(waiting).isEqualTo(1);
    // --at a future instant: by then the second slot has opened
    List<Map<String, Object>> later = plan("--environment", "production", "--at", "2026-11-27T10:10:00Z");
    assertThat(later).allMatch(t -> t.get("action").equals("deploy"));
  }

  @Test
  void planWritesNothing() {
    cli.ok("get", "systems");
    byte[] before = TestFiles.bytes(dir.resolve(".ctrl/state.db"));
    cli.ok("plan");
    cli.ok("plan", "-o", "json");
    cli.ok("plan", "--summary");
    cli.ok("get", "systems");
    assertThat(TestFiles.bytes(dir.resolve(".ctrl/state.db"))).isEqualTo(before);
  }

  @Test
  void tableGroupsByDeploymentAndEnvironmentAndSaysWhy() {
    String out = cli.ok("plan").out();
    assertThat(out.lines()).containsExactly(
        "DEPLOYMENT   ENVIRONMENT   RESOURCE      CURRENT   DESIRED   ACTION    WHY",
        "api          production    k8s/prod-eu   -         -         blocked   prod-gates #1 approval: approval 0/1 for v1 in production",
        "api          staging       k8s/staging   -         v1        deploy    ready to deploy v1");
  }

  @Test
  void summaryCountsActions() {
    String out = cli.ok("plan", "--summary").out();
    assertThat(out.lines()).containsExactly(
        "DEPLOYMENT   ENVIRONMENT   TARGETS   NONE   DEPLOY   ROLLBACK   WAIT   BLOCKED",
        "api          production    1         0      0        0          0      1",
        "api          staging       1         0      1        0          0      0");
  }

  @Test
  void approvalsRejectionsAndSkipsAreRecordedAndListed() {
    assertThat(cli.ok("approve", "--deployment", "api", "--tag", "v1", "--environment", "production", "--as", "alice")
        .out()).isEqualTo("approved api/v1 in production as alice\n");
    cli.at(Instant.parse("2026-11-27T10:05:00Z"));
    assertThat(cli.ok("reject", "--deployment", "api", "--tag", "v1", "--environment", "production", "--reason", "bad")
        .out()).isEqualTo("rejected api/v1 in production as tester\n");
    String approvals = cli.ok("get", "approvals", "-o", "json").out();
    assertThat(approvals).contains("\"decision\": \"rejected\"").contains("\"approver\": \"tester\"")
        .contains("\"decision\": \"approved\"");
    assertThat(plan("--environment", "production").get(0)).containsEntry("action", "blocked");

    CliRunner.Result badRule = cli.run("skip", "--policy", "prod-gates", "--rule", "3", "--deployment", "api", "--tag",
        "v1", "--reason", "x");
    assertThat(badRule.exitCode()).isEqualTo(2);
    assertThat(badRule.err()).contains("policy \"prod-gates\" has 2 rules; --rule must be 1 to 2");
    assertThat(cli.ok("skip", "--policy", "prod-gates", "--rule", "1", "--deployment", "api", "--tag", "v1",
        "--environment", "production", "--reason", "INC-42", "--expires", "1h").out())
        .isEqualTo("skipping rule 1 (approval) of policy prod-gates for api/v1 in production until Fri 27 Nov 11:05 UTC\n");
    assertThat(plan("--environment", "production").get(0)).containsEntry("action", "deploy");
  }

  @Test
  void unknownNamesAreUsageErrors() {
    CliRunner.Result r = cli.run("approve", "--deployment", "api", "--tag", "v1", "--environment", "prod");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("environment \"prod\" does not exist");
    assertThat(cli.run("plan", "--at", "tomorrow").err()).contains("--at \"tomorrow\" is not an ISO-8601 instant");
  }
}
