package dev.ctrl.cli;

import static dev.ctrl.cli.JobsFixtureState.A;
import static dev.ctrl.cli.JobsFixtureState.B;
import static dev.ctrl.cli.JobsFixtureState.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = JobsFixtureState.create(dir);
    TestFiles.write(dir, ".ctrl/jobs/" + B + "/output.log", "pulling\ndeploying\ndone");
  }

  @Test
  void printsTheWholeOutputOrItsTail() {
    assertThat(cli.ok("logs", "bbbb2222").out()).isEqualTo("pulling\ndeploying\ndone\n");
    assertThat(cli.ok("logs", B, "--tail", "2").out()).isEqualTo("deploying\ndone\n");
    assertThat(JsonText.parseObject(cli.ok("logs", B, "--tail", "1", "-o", "json").out()))
        .containsEntry("id", B).containsEntry("log", "done");
    assertThat(cli.run("logs", B, "--tail", "0").exitCode()).isEqualTo(2);
  }

  @Test
  void aJobWithoutOutputNamesItsLinksAndExits1() {
    CliRunner.Result linked = cli.run("logs", C);
    assertThat(linked.exitCode()).isEqualTo(1);
    assertThat(linked.out()).isEmpty();
    assertThat(linked.err()).contains("error: job " + C + " (failure) has no output in ")
        .contains("its links: run https://ci.example/runs/7");
    assertThat(cli.run("logs", A).err()).contains("it reported no links");
  }

  @Test
  void aJobOfAnotherAgentPointsToIt() {
    TestFiles.write(dir, "gh.yaml", """
        type: JobAgent
        name: local
        github: {owner: acme, repo: api, workflow: deploy.yaml, token: "${env:GITHUB_TOKEN}"}
        """);
    cli.ok("apply", "-f", "gh.yaml");
    CliRunner.Result r = cli.run("logs", C);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("job " + C + " ran on agent \"local\" (github), which keeps its output itself; "
        + "its links: run https://ci.example/runs/7");
  }

  @Test
  void unknownJobIsAUsageError() {
    assertThat(cli.run("logs", "zzzz").exitCode()).isEqualTo(2);
  }
}
