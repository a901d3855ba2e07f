package dev.ctrl.store;

import dev.ctrl.model.agents.AgentConfig;
import static dev.ctrl.store.generated.Tables.DEPLOYMENTS;
import static dev.ctrl.store.generated.Tables.ENVIRONMENTS;
import static dev.ctrl.store.generated.Tables.JOB_AGENTS;
import static dev.ctrl.store.generated.Tables.POLICIES;
import static dev.ctrl.store.generated.Tables.RESOURCES;
import static dev.ctrl.store.generated.Tables.SYSTEMS;

import dev.ctrl.json.JsonText;
import dev.ctrl.model.ObjectType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;

/** Which table and columns hold each declared type. */
final class DeclaredTables {
  record Columns(Table<?> table, Field<String> id, Field<String> spec, Field<String> source, Field<Long> createdAt,
      Field<Long> updatedAt) {}

  private DeclaredTables() {}

  static Columns of(ObjectType type) {
    return switch (type) {
      case SYSTEM -> new Columns(SYSTEMS, SYSTEMS.NAME, SYSTEMS.SPEC, SYSTEMS.SOURCE, SYSTEMS.CREATED_AT, SYSTEMS.UPDATED_AT);
      case ENVIRONMENT -> new Columns(ENVIRONMENTS, ENVIRONMENTS.NAME, ENVIRONMENTS.SPEC, ENVIRONMENTS.SOURCE,
          ENVIRONMENTS.CREATED_AT, ENVIRONMENTS.UPDATED_AT);
      case JOB_AGENT -> new Columns(JOB_AGENTS, JOB_AGENTS.NAME, JOB_AGENTS.SPEC, JOB_AGENTS.SOURCE,
          JOB_AGENTS.CREATED_AT, JOB_AGENTS.UPDATED_AT);
      case DEPLOYMENT -> new Columns(DEPLOYMENTS, DEPLOYMENTS.NAME, DEPLOYMENTS.SPEC, DEPLOYMENTS.SOURCE,
          DEPLOYMENTS.CREATED_AT, DEPLOYMENTS.UPDATED_AT);
      case RESOURCE -> new Columns(RESOURCES, RESOURCES.IDENTIFIER, RESOURCES.SPEC, RESOURCES.SOURCE,
          RESOURCES.CREATED_AT, RESOURCES.UPDATED_AT);
      case POLICY -> new Columns(POLICIES, POLICIES.NAME, POLICIES.SPEC, POLICIES.SOURCE, POLICIES.CREATED_AT,
          POLICIES.UPDATED_AT);
    };
  }

  /** The queryable columns besides id/spec/source/timestamps, taken from the stored document. */
  static Map<Field<?>, Object> columns(ObjectType type, String specJson) {
    Map<String, Object> doc = JsonText.parseObject(specJson);
    Map<Field<?>, Object> m = new LinkedHashMap<>();
    switch (type) {
      case SYSTEM -> {
        m.put(SYSTEMS.DESCRIPTION, doc.get("description"));
        m.put(SYSTEMS.METADATA, json(doc.get("metadata"), Map.of()));
      }
      case ENVIRONMENT -> {
        m.put(ENVIRONMENTS.DESCRIPTION, doc.get("description"));
        m.put(ENVIRONMENTS.SYSTEMS, json(doc.get("systems"), List.of()));
        m.put(ENVIRONMENTS.RESOURCE_SELECTOR, doc.get("resourceSelector"));
        m.put(ENVIRONMENTS.METADATA, json(doc.get("metadata"), Map.of()));
      }
      case JOB_AGENT -> {
        String kind = AgentConfig.kindOf(doc).orElse("unknown");
        m.put(JOB_AGENTS.KIND, kind);
        m.put(JOB_AGENTS.CONFIG, json(doc.get(kind), Map.of()));
      }
      case DEPLOYMENT -> {
        m.put(DEPLOYMENTS.DESCRIPTION, doc.get("description"));
        m.put(DEPLOYMENTS.SYSTEMS, json(doc.get("systems"), List.of()));
        m.put(DEPLOYMENTS.RESOURCE_SELECTOR, doc.get("resourceSelector"));
        m.put(DEPLOYMENTS.AGENT, doc.get("agent"));
        m.put(DEPLOYMENTS.AGENT_CONFIG, json(doc.get("agentConfig"), Map.of()));
        m.put(DEPLOYMENTS.METADATA, json(doc.get("metadata"), Map.of()));
      }
      case RESOURCE -> {
        m.put(RESOURCES.NAME, String.valueOf(doc.get("name")));
        m.put(RESOURCES.KIND, String.valueOf(doc.get("kind")));
        m.put(RESOURCES.VERSION, String.valueOf(doc.get("version")));
        m.put(RESOURCES.METADATA, json(doc.get("metadata"), Map.of()));
        m.put(RESOURCES.CONFIG, json(doc.get("config"), Map.of()));
      }
      case POLICY -> {
        m.put(POLICIES.DESCRIPTION, doc.get("description"));
        m.put(POLICIES.SELECTOR, doc.get("selector") == null ? null : String.valueOf(doc.get("selector")));
        m.put(POLICIES.PRIORITY, doc.get("priority") instanceof Number n ? n.longValue() : 0L);
        m.put(POLICIES.ENABLED, Boolean.FALSE.equals(doc.get("enabled")) ? 0L : 1L);
        m.put(POLICIES.RULES, json(doc.get("rules"), List.of()));
      }
    }
    return m;
  }

  private static String json(Object value, Object dflt) {
    return JsonText.canonical(value == null ? dflt : value);
  }
}
