package dev.ctrl.agent.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.agent.argocd.FakeArgoCd.Fault;
import dev.ctrl.agent.argocd.FakeArgoCd.Outcome;
import dev.ctrl.json.JsonPath;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Argo CD agent driven by `ctrl rollout` end to end against the fake Argo CD: version create,
 * rollout, and the job ends successful, failure or cancelled, through outages, rate limits, a
 * wrong token and a sync whose answer was lost.
 */
class ArgoCdRolloutTest {
  static final String TOKEN = "argo-e2e-token-" + Long.toHexString(System.nanoTime());

  @TempDir Path dir;
  final FakeArgoCd argo;
  CliRunner cli;

  ArgoCdRolloutTest() throws Exception {
    argo = new FakeArgoCd().token(TOKEN).project("payments");
  }

  @AfterEach
  void close() {
    argo.close();
  }

  /** One deployment on one resource in production, deployed by the argocd agent. */
  static String config(String server, String agentExtra) {
    return TestFiles.shop("checkout", "argocd") + """
        type: JobAgent
        name: argocd
        argocd:
          server: %s
          token: ${env:ARGOCD_TOKEN}
          project: payments
          pollInterval: 100ms
        %s
          application: |
            metadata:
              name: "{{ deployment.name }}-{{ resource.name }}"
              namespace: argocd
            spec:
              source:
                repoURL: https://github.com/acme/deploy-config.git
                path: "apps/{{ deployment.name }}"
                targetRevision: "{{ version.tag }}"
              destination:
                name: "{{ resource.config.cluster }}"
                namespace: "{{ deployment.name }}"
        ---
        type: Resource
        identifier: eu
        name: eu
        kind: KubernetesCluster
        version: v1
        config: {cluster: prod-eu}
        """.formatted(server, agentExtra.indent(2).stripTrailing());
  }

  void setUp(String agentExtra) {
    cli = new CliRunner(dir).clock(Clock.systemUTC()).env("ARGOCD_TOKEN", TOKEN);
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", config(argo.url(), agentExtra));
    cli.ok("apply", "-f", "ctrl.yaml");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> jobs() {
    return (List<Map<String, Object>>) JsonText.parse(cli.ok("get", "jobs", "-o", "json").out());
  }

  @Test
  void aVersionIsRolledOutThroughArgoCdAndTheJobSucceedsWhenTheApplicationIsSyncedAndHealthy() throws Exception {
    setUp("");
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v1.4.2");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(jobs()).singleElement().satisfies(j -> {
      assertThat(j.get("status")).as(j.toString()).isEqualTo("successful");
      assertThat(j.get("message")).isEqualTo("synced to v1.4.2, Synced and Healthy");
      assertThat(JsonPath.text(argo.app("checkout-eu"), "metadata", "labels", "ctrl.dev/job-id")).isEqualTo(j.get("id"));
    });
    assertThat(argo.syncs()).isEqualTo(1);
    assertThat(JsonPath.text(argo.app("checkout-eu"), "spec", "source", "targetRevision")).isEqualTo("v1.4.2");

    // the next version updates the same application (upsert) and syncs it again
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v1.5.0");
    assertThat(cli.run("rollout", "--timeout", "1m").exitCode()).isZero();
    assertThat(argo.syncs()).isEqualTo(2);
    assertThat(JsonPath.text(argo.app("checkout-eu"), "spec", "source", "targetRevision")).isEqualTo("v1.5.0");
    assertThat(cli.ok("get", "targets", "-o", "json").out()).contains("\"currentVersion\": \"v1.5.0\"");

    // the token was used, never stored or printed
    List<CliRunner.Result> outputs = List.of(cli.run("rollout", "-o", "json", "-v"), cli.run("get", "jobs", "-o",
        "json"), cli.run("history", "-o", "json"), cli.run("agent", "check", "argocd"));
    outputs.forEach(o -> assertThat(o.out() + o.err()).doesNotContain(TOKEN));
    TestFiles.assertStateHoldsNone(dir, TOKEN);
  }

  @Test
  void aDegradedApplicationFailsTheJobWithArgoCdsMessage() {
    setUp("");
    argo.outcome(Outcome.degraded("Back-off restarting failed container checkout"));
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v2");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(jobs()).singleElement().satisfies(j -> {
      assertThat(j.get("status")).isEqualTo("failure");
      assertThat(j.get("message")).isEqualTo("synced to v2 but the application is Degraded: Back-off restarting "
          + "failed container checkout");
    });
    assertThat(r.out() + r.err()).contains("Degraded");
  }

  @Test
  void aCancelledJobTerminatesItsSyncInArgoCd() {
    setUp("");
    argo.outcome(Outcome.forever());
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v3");
    assertThat(cli.run("rollout", "--once").exitCode()).isEqualTo(3);
    String id = (String) jobs().get(0).get("id");
    argo.app("checkout-eu");
    CliRunner.Result cancel = cli.run("job", "cancel", id);
    assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
    assertThat(argo.requests("DELETE /api/v1/applications/{name}/operation")).singleElement()
        .satisfies(s -> assertThat(s.query()).containsEntry("project", "payments"));
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.get("status")).isEqualTo("cancelled"));
    CliRunner.Result after = cli.run("rollout", "--timeout", "1m");
    assertThat(after.exitCode()).as(after.toString()).isEqualTo(3); // a person decides what next
    assertThat(argo.syncs()).isEqualTo(1);
  }

  @Test
  void rateLimitsAndOutagesOnPollsAreWaitedOutAndTheJobStillSucceeds() {
    setUp("");
    // a proxy's 429 (waited out as Retry-After says), then 503 and 504 (retried with backoff)
    argo.fault("GET /api/v1/applications/{name}", Fault.rateLimited(1), Fault.unavailable(),
        Fault.status(504, 4, "context deadline exceeded"));
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v4");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.get("status")).isEqualTo("successful"));
    assertThat(argo.syncs()).isEqualTo(1);
    assertThat(argo.requests("GET /api/v1/applications/{name}").stream().limit(4).map(FakeArgoCd.Seen::path))
        .hasSize(4).containsOnly("/api/v1/applications/checkout-eu"); // the same poll, asked again
  }

  @Test
  void aWrongTokenEndsTheJobWithAnErrorThatNamesTheAgentAndWhatToFix() {
    setUp("");
    cli.env("ARGOCD_TOKEN", "expired-" + TOKEN);
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v5");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(jobs()).singleElement().satisfies(j -> {
      assertThat(j.get("status")).isEqualTo("invalid_integration");
      assertThat((String) j.get("message")).startsWith("agent argocd: Argo CD refused the token (HTTP 401")
          .contains("set ${env:ARGOCD_TOKEN} to a valid Argo CD API token");
    });
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    CliRunner.Result check = cli.run("agent", "check", "argocd");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("credentials").contains("FAILED").doesNotContain(TOKEN);
    assertThat(argo.syncs()).isZero();
  }

  @Test
  void aSyncWhoseAnswerWasLostIsRecoveredByFindAndNeverSentTwice() {
    setUp("");
    argo.fault("POST /api/v1/applications/{name}/sync", Fault.dropAfterActing());
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v6");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(argo.syncs()).isEqualTo(1);
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.get("status")).isEqualTo("successful"));
    assertThat(r.out() + r.err()).contains("recovered");
  }

  @Test
  void agentCheckReportsEachFindingAndWhatToFix() {
    setUp("");
    CliRunner.Result ok = cli.run("agent", "check", "argocd", "-o", "json");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("\"check\": \"project\"").contains("project payments exists");
    assertThat(argo.requests().stream().map(FakeArgoCd.Seen::method)).containsOnly("GET"); // deploys nothing

    TestFiles.write(dir, "ctrl.yaml", config(argo.url(), "").replace("project: payments", "project: billing"));
    cli.ok("apply", "-f", "ctrl.yaml");
    CliRunner.Result missing = cli.run("agent", "check", "argocd");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).contains("project billing does not exist in Argo CD");
  }
}
