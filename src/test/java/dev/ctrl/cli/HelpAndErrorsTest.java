package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpAndErrorsTest {
  @TempDir Path dir;

  @Test
  void helpListsCommandsExamplesAndExitCodes() {
    CliRunner.Result r = new CliRunner(dir).ok("--help");
    assertThat(r.out()).contains("apply").contains("version").contains("Examples:")
        .contains("2    usage or configuration error").doesNotContain("__training");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    CliRunner cli = new CliRunner(dir);
    for (String[] cmd : new String[][] {{"init"}, {"apply"}, {"delete"}, {"get"}, {"get", "targets"},
        {"describe"}, {"version", "create"}, {"version", "set-status"}, {"completion"}, {"schema"},
        {"get", "jobs"}, {"get", "releases"}, {"describe", "job"}, {"describe", "target"}, {"logs"}, {"job"}, {"job", "update"}, {"status"}}) {
      String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
      args[cmd.length] = "--help";
      assertThat(cli.ok(args).out()).as(String.join(" ", cmd)).contains("Examples:");
    }
  }

  @Test
  void versionFlagPrintsTheVersion() {
    assertThat(new CliRunner(dir).ok("--version").out()).matches("ctrl \\d+\\.\\d+\\.\\d+.*\\n");
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    CliRunner.Result r = new CliRunner(dir).run("aply");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error: Unmatched argument at index 0: 'aply'").contains("apply");
  }

  @Test
  void aMalformedTargetKeyIsTheSameUsageErrorWhereverOneIsGiven() {
    CliRunner cli = new CliRunner(dir);
    for (String[] cmd : new String[][] {{"redeploy", "api/prod"}, {"describe", "target", "api/prod"},
        {"get", "jobs", "--target", "api/prod"}, {"get", "releases", "--target", "api/prod"}}) {
      CliRunner.Result r = cli.run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", cmd))
          .contains("\"api/prod\" is not a target key (deployment/environment/resource-identifier)")
          .contains("list the keys with: ctrl get targets");
    }
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    CliRunner.Result r = new CliRunner(dir).run("version", "create", "--tag", "v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--deployment=D'");
  }

  @Test
  void noStackTraceWithoutVerbose() {
    CliRunner.Result r = new CliRunner(dir).run("--db", "x.db", "get", "systems");
    assertThat(r.err()).doesNotContain("\tat ");
  }
}
