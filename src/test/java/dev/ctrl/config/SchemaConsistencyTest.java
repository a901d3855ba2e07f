package dev.ctrl.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ctrl schema` describes exactly the fields the binder accepts, object by object. */
class SchemaConsistencyTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void everyDefinitionListsTheAcceptedFields() {
    String text = new CliRunner(dir).ok("schema").out();
    Map<String, Object> schema = (Map<String, Object>) JsonText.parse(text);
    Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
    for (Map.Entry<String, List<String>> e : ConfigFields.BY_DEFINITION.entrySet()) {
      Map<String, Object> def = (Map<String, Object>) defs.get(e.getKey());
      assertThat(def).as("$defs/" + e.getKey()).isNotNull();
      Map<String, Object> props = (Map<String, Object>) def.get("properties");
      Set<String> names = props == null ? Set.of() : new TreeSet<>(props.keySet());
      assertThat(names).as("$defs/" + e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue());
      assertThat(def.get("additionalProperties")).as("$defs/" + e.getKey() + " additionalProperties").isEqualTo(false);
    }
  }
}
