package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.Main;
import dev.ctrl.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on the CI path pay start-up on every call: `version create` and `get` must not load
 * CEL or OkHttp, and load the YAML stack only for `-o yaml`; `version create` not even jOOQ.
 * Checked in a fresh JVM's class log.
 */
class LightCommandsTest {
  @TempDir Path dir;

  private String classesLoaded(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xlog:class+load=info:file=" + dir.resolve("classes.log"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--db", dir.resolve(".ctrl/state.db").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.log"))).isZero();
    return Files.readString(dir.resolve("classes.log"));
  }

  @Test
  void ciCommandsStayLight() throws Exception {
    CliRunner cli = new CliRunner(dir);
    cli.ok("init");
    TestFiles.write(dir, "base.yaml", TestFiles.BASE);
    cli.ok("apply", "-f", "base.yaml");

    String create = classesLoaded("version", "create", "--deployment", "api", "--tag", "v1");
    assertThat(create).contains("dev.ctrl.service.VersionService").doesNotContain("dev.cel.")
        .doesNotContain("okhttp3.").doesNotContain("org.yaml.snakeyaml")
        // versions are written in plain JDBC: initialising jOOQ was a third of this command's time
        .doesNotContain("org.jooq.impl.");
    assertThat(cli.ok("get", "versions", "--deployment", "api").out()).contains("v1");

    String get = classesLoaded("get", "targets", "-o", "json");
    assertThat(get).contains("dev.ctrl.cli.GetTargetsCommand").doesNotContain("dev.cel.")
        .doesNotContain("okhttp3.").doesNotContain("org.yaml.snakeyaml");

    String jobs = classesLoaded("get", "jobs", "-o", "json");
    assertThat(jobs).contains("dev.ctrl.cli.GetJobsCommand").doesNotContain("dev.cel.")
        .doesNotContain("okhttp3.").doesNotContain("org.yaml.snakeyaml");

    String approve = classesLoaded("approve", "--deployment", "api", "--tag", "v1", "--environment", "production",
        "--as", "alice");
    assertThat(approve).contains("dev.ctrl.service.ApprovalService").doesNotContain("dev.cel.")
        .doesNotContain("okhttp3.").doesNotContain("org.yaml.snakeyaml");

    String yaml = classesLoaded("get", "versions", "-o", "yaml");
    assertThat(yaml).contains("org.yaml.snakeyaml").doesNotContain("dev.cel.");
  }
}
