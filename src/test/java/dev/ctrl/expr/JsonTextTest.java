package dev.ctrl.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.json.JsonText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical form feeds the audit hash chain: it must be exactly this, byte for byte. */
class JsonTextTest {
  @Test
  void canonicalJsonSortsKeysAndHasNoWhitespace() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of(1L, "x", true));
    m.put("a", Map.of("z", 1.5, "y", Instant.ofEpochMilli(42)));
    m.put("c", null);
    m.put("d", "quote \" and\nnewline");
    assertThat(JsonText.canonical(m))
        .isEqualTo("{\"a\":{\"y\":42,\"z\":1.5},\"b\":[1,\"x\",true],\"c\":null,\"d\":\"quote \\\" and\\nnewline\"}");
    assertThat(JsonText.compact(Map.of("k", List.of()))).isEqualTo("{\"k\":[]}");
  }

  @Test
  void prettyJsonIndentsAndRoundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", "api/prod/r1");
    m.put("versions", List.of(Map.of("tag", "v1")));
    String pretty = JsonText.pretty(m);
    assertThat(pretty).isEqualTo("{\n  \"key\": \"api/prod/r1\",\n  \"versions\": [\n    {\n      \"tag\": \"v1\"\n    }\n  ]\n}");
    assertThat(JsonText.parse(pretty)).isEqualTo(m);
  }
}
