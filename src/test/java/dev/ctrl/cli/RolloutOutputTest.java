package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.json.JsonText;
import dev.ctrl.rollout.RolloutEvent;
import dev.ctrl.rollout.TargetProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollout's two faces: a live table redrawn in place on a terminal, event lines elsewhere. */
class RolloutOutputTest {
  static final Instant T = Instant.parse("2026-11-27T10:00:00.123Z");

  @Test
  void theLiveTableIsRedrawnInPlaceAndKeepsFailuresInTheScrollback() {
    StringWriter buf = new StringWriter();
    PrintWriter out = new PrintWriter(buf);
    RolloutLiveView view = new RolloutLiveView(out, new Renderer(out, OutputFormat.table, false, T));
    view.progress(List.of(new TargetProgress("api/prod/eu", "v1", "v2", "deploying", "job 3f2a9c1e started"),
        new TargetProgress("api/prod/us", "v1", "v2", "waiting", "position 2 of 2 opens in 30s")), T);
    String first = buf.toString();
    assertThat(first).contains("TARGET").contains("api/prod/eu").contains("v1 -> v2").contains("deploying");
    assertThat(first.lines().count()).isEqualTo(3);
    view.event(new RolloutEvent(T, "verification.failed", "api/prod/eu", "v2", "j", "failed", "healthy: 1 failed"));
    view.progress(List.of(new TargetProgress("api/prod/eu", "v2", "v1", "rolling-back", "job 11112222 started")), T);
    String rest = buf.toString().substring(first.length());
    // the old table is erased (cursor up 3 lines, clear), the failure printed, then the new table
    assertThat(rest).startsWith("\033[3F\033[J").contains("api/prod/eu: healthy: 1 failed").contains("rolling-back");
    // quiet events (a measurement that passed) do not disturb the table
    int before = buf.toString().length();
    view.event(new RolloutEvent(T, "verification.measured", "api/prod/eu", "v2", "j", "passed", "healthy"));
    assertThat(buf.toString()).hasSize(before);
  }

  @Test
  void offATerminalEachEventIsOneLineAndWithJsonOneObjectWithStableFields() {
    StringWriter text = new StringWriter();
    new RolloutLines(new PrintWriter(text), false).event(
        new RolloutEvent(T, "job.status", "api/prod/eu", "v2", "3f2a9c1e-aaaa", "failure", "exited with status 1"));
    assertThat(text.toString()).isEqualTo(
        "2026-11-27T10:00:00Z  job.status              api/prod/eu  v2  failure  exited with status 1  (job 3f2a9c1e)\n");
    StringWriter json = new StringWriter();
    new RolloutLines(new PrintWriter(json), true).event(
        new RolloutEvent(T, "version.blocked", "api/prod/eu", "v2", null, null, "v2 blocked in prod"));
    assertThat(json.toString().lines()).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) JsonText.parse(json.toString());
    assertThat(m).containsOnlyKeys("at", "kind", "target", "version", "jobId", "status", "message")
        .containsEntry("at", "2026-11-27T10:00:00.123Z").containsEntry("kind", "version.blocked")
        .containsEntry("jobId", null);
  }
}
