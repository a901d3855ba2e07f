package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ctrl agent check` for the exec agent and the command's errors; remote agents test their own checks. */
class AgentCheckCommandTest {
  @TempDir Path dir;

  private CliRunner withAgents(String agents) {
    CliRunner cli = new CliRunner(dir);
    cli.ok("init");
    TestFiles.write(dir, "agents.yaml", agents);
    cli.ok("apply", "-f", "agents.yaml");
    return cli;
  }

  @Test
  void anExecAgentWhoseProgramAndDirectoryExistPasses() throws Exception {
    Files.createDirectories(dir.resolve("deploy"));
    CliRunner cli = withAgents("""
        type: JobAgent
        name: local
        exec: {command: [sh, -c, "echo {{ version.tag }}"], workingDir: deploy}
        """);
    CliRunner.Result r = cli.ok("agent", "check", "local");
    assertThat(r.out()).contains("CHECK").contains("command").contains("sh is /").contains("workingDir");
    assertThat(r.out()).doesNotContain("FAILED");
  }

  @Test
  void aRelativeProgramIsLookedForInTheWorkingDirectoryWhereTheJobRunsIt() throws Exception {
    Path script = dir.resolve("deploy/deploy.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/sh\n");
    script.toFile().setExecutable(true);
    CliRunner cli = withAgents("""
        type: JobAgent
        name: local
        exec: {command: [./deploy.sh, "{{ version.tag }}"], workingDir: deploy}
        """);
    CliRunner.Result r = cli.ok("agent", "check", "local");
    assertThat(r.out()).contains("./deploy.sh is " + dir.resolve("deploy").resolve("./deploy.sh")).doesNotContain("FAILED");
  }

  @Test
  void aMissingProgramFailsWithWhatToFixAndExitsOne() {
    CliRunner cli = withAgents("""
        type: JobAgent
        name: local
        exec: {command: [no-such-deployer-xyz, "{{ version.tag }}"], workingDir: missing}
        """);
    CliRunner.Result r = cli.run("agent", "check", "local", "-o", "json");
    assertThat(r.exitCode()).isEqualTo(1);
    Map<String, Object> json = JsonText.parseObject(r.out());
    assertThat(json).containsEntry("agent", "local").containsEntry("ok", false);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) json.get("checks");
    assertThat(checks).extracting(c -> c.get("check") + " " + c.get("ok"))
        .containsExactly("command false", "workingDir false");
    assertThat(checks.get(0).get("detail").toString()).contains("no-such-deployer-xyz was not found on PATH");
    assertThat(checks.get(1).get("detail").toString()).contains("missing is not a directory");
  }

  @Test
  void anUnknownAgentIsAUsageErrorNamingTheKnownOnes() {
    CliRunner cli = withAgents("""
        type: JobAgent
        name: local
        exec: {command: ["true"]}
        """);
    CliRunner.Result r = cli.run("agent", "check", "loca");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no job agent named loca is declared; known: local");
  }
}
