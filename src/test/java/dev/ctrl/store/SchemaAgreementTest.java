package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.store.generated.DefaultSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations, run by the Migrator, produce exactly the tables and columns jOOQ generated code for. */
class SchemaAgreementTest {
  @TempDir Path dir;

  @Test
  void migratedSchemaMatchesGeneratedCode() throws Exception {
    Path db = dir.resolve("s.db");
    try (Database d = Database.open(db, true)) {
      assertThat(Migrator.userVersion(d.connection())).isEqualTo(Migrator.latestVersion());
    }
    Map<String, List<String>> actual = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
        ResultSet tables = st.executeQuery(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      for (String t : names) {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("pragma table_info(" + t + ")")) {
          while (rs.next()) {
            cols.add(rs.getString("name"));
          }
        }
        actual.put(t, cols);
      }
    }
    Map<String, List<String>> generated = new TreeMap<>();
    for (Table<?> t : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      generated.put(t.getName(), List.of(t.fields()).stream().map(Field::getName).toList());
    }
    assertThat(actual).isEqualTo(generated);
    assertThat(actual).containsKeys("systems", "environments", "deployments", "resources", "job_agents", "policies",
        "versions", "release_targets", "releases", "jobs", "job_links", "approvals", "verification_runs",
        "verification_measurements", "version_blocks", "policy_skips", "events", "leases");
  }

  @Test
  void statementsSplitAtSemicolonsThatEndALine() {
    assertThat(Migrator.statements("-- c\nCREATE TABLE a (x TEXT);\nCREATE TABLE b (\n  y TEXT -- ;x\n);\n"))
        .containsExactly("CREATE TABLE a (x TEXT)", "CREATE TABLE b (\n  y TEXT -- ;x\n)");
  }
}
