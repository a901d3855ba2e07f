package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.engine.JobFact;
import dev.ctrl.model.Version;
import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.TargetRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ctrl demo` runs the whole job on its bundled example, in a new directory under TMPDIR. */
class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void rollsOutTheGoodVersionEverywhereAndRollsBackTheBadOneInStaging() throws Exception {
    CliRunner cli = new CliRunner(tmp).clock(Clock.systemUTC()).env("TMPDIR", tmp.toString()).env("CTRL_DB", "/nonexistent/state.db");
    long started = System.nanoTime();
    CliRunner.Result r = cli.run("demo");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(took).isLessThan(Duration.ofSeconds(60));
    Path state;
    try (Stream<Path> dirs = Files.list(tmp)) {
      state = dirs.filter(d -> d.getFileName().toString().startsWith("ctrl-demo-")).findFirst().orElseThrow()
          .resolve(".ctrl/state.db");
    }
    assertThat(state).isRegularFile();
    assertThat(r.out()).contains("state file " + state).contains("ctrl history --db " + state)
        .contains("$ ctrl version create --deployment api --tag v1.0.0").contains("$ ctrl rollout")
        // not a terminal: one line per event, no live table and no colour
        .contains("version.blocked").contains("rollback.started").doesNotContain("\u001b[");

    try (Store store = new JooqStore(Database.open(state, false))) {
      List<TargetRow> targets = store.targets("api", null);
      assertThat(targets).hasSize(4).allSatisfy(t -> assertThat(t.currentVersion()).isEqualTo("v1.0.0"));
      Map<Long, String> envOf = targets.stream().collect(Collectors.toMap(TargetRow::id, t -> t.key().environment()));
      Version bad = store.version("api", "v1.1.0-bad").orElseThrow();
      StoreReader.Facts facts = store.facts();
      assertThat(facts.blocks()).anySatisfy(b -> {
        assertThat(b.versionId()).isEqualTo(bad.id());
        assertThat(b.environment()).isEqualTo("staging");
      });
      List<String> badJobs = facts.jobs().stream().filter(j -> j.versionId() == bad.id())
          .map(j -> envOf.get(j.targetId()) + " " + j.kind()).toList();
      assertThat(badJobs).isNotEmpty().allMatch(s -> s.startsWith("staging "));
      assertThat(facts.jobs()).filteredOn(j -> j.kind().equals("rollback")).extracting(JobFact::status)
          .containsOnly("successful");
    }
  }

  @Test
  void refusesAStateFileOrMachineOutput() {
    CliRunner cli = new CliRunner(tmp).env("TMPDIR", tmp.toString());
    assertThat(cli.run("demo", "--db", "x.db").exitCode()).isEqualTo(2);
    assertThat(cli.run("demo", "-o", "json").exitCode()).isEqualTo(2);
    assertThat(tmp).isEmptyDirectory();
  }
}
