package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed completion scripts are what the current command tree generates. */
class CompletionsTest {
  @TempDir Path dir;

  @Test
  void committedScriptsAreFresh() throws Exception {
    CliRunner cli = new CliRunner(dir);
    assertThat(Files.readString(Path.of("completions/ctrl.bash")))
        .as("completions/ctrl.bash is stale: regenerate with `ctrl completion bash > completions/ctrl.bash`")
        .isEqualTo(cli.ok("completion", "bash").out());
    assertThat(Files.readString(Path.of("completions/_ctrl")))
        .as("completions/_ctrl is stale: regenerate with `ctrl completion zsh > completions/_ctrl`")
        .isEqualTo(cli.ok("completion", "zsh").out());
  }

  @Test
  void bashScriptCompletesSubcommands() {
    String bash = new CliRunner(dir).ok("completion", "bash").out();
    assertThat(bash).contains("apply").contains("targets").contains("set-status").doesNotContain("__training");
  }
}
