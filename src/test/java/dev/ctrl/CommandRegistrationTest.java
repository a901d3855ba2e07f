package dev.ctrl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.cli.CliContext;
import dev.ctrl.cli.CommandFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Main registers only the commands a line names (start-up time); what the user sees must not
 * depend on that: every command and child is there when asked for, help lists them all, and a
 * typo still gets its suggestion.
 */
class CommandRegistrationTest {
  @TempDir Path dir;

  @Test
  void theCommandWordsAreFoundAroundGlobalOptions() {
    assertThat(Main.subcommand(new String[] {"--db", "x.db", "-o", "json", "version", "create"})).isEqualTo("version");
    assertThat(Main.childCommand(new String[] {"--db", "x.db", "version", "-o", "json", "create", "--tag", "list"}))
        .isEqualTo("create");
    assertThat(Main.childCommand(new String[] {"version", "--output=json", "list"})).isEqualTo("list");
    // an option of the parent before the word: no guess, every child is registered
    assertThat(Main.childCommand(new String[] {"version", "--help", "create"})).isNull();
    assertThat(Main.childCommand(new String[] {"version"})).isNull();
    assertThat(Main.childCommand(new String[] {"--verbose"})).isNull();
    assertThat(Main.subcommand(new String[] {"--verbose", "plan"})).isEqualTo("plan");
  }

  @Test
  void everyChildIsRegisteredUnderTheNameItsCommandDeclares() {
    CommandLine full = Main.commandLine(context());
    for (Map.Entry<String, Map<String, String>> parent : CommandFactory.CHILDREN.entrySet()) {
      Map<String, CommandLine> subs = full.getSubcommands().get(parent.getKey()).getSubcommands();
      assertThat(subs.keySet()).as(parent.getKey()).containsAll(parent.getValue().keySet());
      for (String child : parent.getValue().keySet()) {
        assertThat(subs.get(child).getCommandSpec().name()).as(parent.getKey() + " " + child).isEqualTo(child);
      }
    }
  }

  @Test
  void onlyTheNamedChildIsBuiltAndTheOthersStillWorkWhenNamed() {
    CommandLine one = Main.commandLine(context(), "version", "create");
    assertThat(one.getSubcommands().keySet()).containsExactly("version");
    assertThat(one.getSubcommands().get("version").getSubcommands().keySet()).containsExactly("create");

    CliRunner cli = new CliRunner(dir);
    assertThat(cli.ok("version", "--help").out()).contains("create").contains("list").contains("set-status")
        .contains("unblock");
    assertThat(cli.ok("job", "--help").out()).contains("update").contains("cancel");
  }

  @Test
  void aMistypedChildStillGetsASuggestion() {
    CliRunner.Result r = new CliRunner(dir).run("version", "creat", "--deployment", "api", "--tag", "v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("creat").contains("create");
  }

  private CliContext context() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new CliContext(Map.of(), dir, sink, sink, Clock.systemUTC(), false);
  }
}
