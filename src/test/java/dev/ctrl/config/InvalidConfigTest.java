package dev.ctrl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every `testdata/config/invalid-*.yaml` is applied on top of a small valid state. Its `# expect:`
 * header lines are the exact error lines; the apply must exit 2, print no stack trace, and leave
 * the state file byte for byte as it was.
 */
class InvalidConfigTest {
  static final Path DIR = Path.of("src/test/resources/testdata/config");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("invalid-") && n.endsWith(".yaml"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedWithExactMessageAndNothingWritten(String name, @TempDir Path dir) throws IOException {
    String text = Files.readString(DIR.resolve(name));
    List<String> expected = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# expect: ")) {
        expected.add(line.substring("# expect: ".length()));
      }
    }
    assertThat(expected).as("an invalid case names its expected errors").isNotEmpty();

    CliRunner cli = new CliRunner(dir);
    cli.ok("init");
    TestFiles.write(dir, "base.yaml", TestFiles.BASE);
    cli.ok("apply", "-f", "base.yaml");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    cli.ok("get", "systems"); // a closed connection checkpoints the WAL into the file
    Path state = dir.resolve(".ctrl/state.db");
    byte[] before = TestFiles.bytes(state);

    Files.writeString(dir.resolve(name), text);
    CliRunner.Result r = cli.run("apply", "-f", name);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(errorLines(r.err())).as(r.toString()).containsExactlyElementsOf(expected);
    assertThat(r.err()).doesNotContain("\tat dev.ctrl").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
    cli.ok("get", "systems");
    assertThat(TestFiles.bytes(state)).as("state file unchanged").isEqualTo(before);
  }

  /** The error lines of stderr: from "error: " up to the "N errors in the configuration" line. */
  static List<String> errorLines(String err) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : Arrays.asList(err.split("\n"))) {
      if (line.startsWith("error: ")) {
        in = true;
        line = line.substring("error: ".length());
      }
      if (!in) {
        continue;
      }
      if (line.matches("\\d+ errors? in the configuration") || line.startsWith("hint: ")) {
        break;
      }
      out.add(line);
    }
    return out;
  }
}
