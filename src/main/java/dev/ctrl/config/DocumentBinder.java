package dev.ctrl.config;

import dev.ctrl.model.Declared;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.JobAgentSpec;
import dev.ctrl.model.Names;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.SystemSpec;
import dev.ctrl.model.agents.AgentConfig;
import dev.ctrl.model.rules.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Binds one YAML document (a mapping with `type:`) to its model record. */
final class DocumentBinder {
  private DocumentBinder() {}

  /** Returns null when the document has errors (they are in doc.errors). */
  static Declared bind(DocContext doc, ObjNode root, ObjectType type) {
    int before = doc.errors.size();
    Declared bound = switch (type) {
      case SYSTEM -> system(root);
      case ENVIRONMENT -> environment(root);
      case DEPLOYMENT -> deployment(root);
      case RESOURCE -> resource(root);
      case JOB_AGENT -> jobAgent(doc, root);
      case POLICY -> policy(root);
    };
    return doc.errors.size() == before ? bound : null;
  }

  private static SystemSpec system(ObjNode o) {
    o.allow(ConfigFields.SYSTEM);
    return new SystemSpec(o.slug("name", true), o.string("description"), o.data("metadata", false));
  }

  private static EnvironmentSpec environment(ObjNode o) {
    o.allow(ConfigFields.ENVIRONMENT);
    List<String> systems = systems(o);
    return new EnvironmentSpec(o.slug("name", true), o.string("description"), systems,
        o.expression("resourceSelector", false, ExprSite.Kind.SELECTOR), o.data("metadata", false));
  }

  private static DeploymentSpec deployment(ObjNode o) {
    o.allow(ConfigFields.DEPLOYMENT);
    List<String> systems = systems(o);
    String agent = o.slug("agent", false);
    if (agent != null) {
      reference(o, "agent", ObjectType.JOB_AGENT, agent);
    }
    return new DeploymentSpec(o.slug("name", true), o.string("description"), systems,
        o.expression("resourceSelector", false, ExprSite.Kind.SELECTOR), agent, o.data("agentConfig", true),
        o.data("metadata", false));
  }

  private static List<String> systems(ObjNode o) {
    List<String> systems = o.slugs("systems", true);
    if (o.value("systems") instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
      for (int i = 0; i < systems.size(); i++) {
        if (Names.isSlug(systems.get(i))) {
          Node at = seq.getValue().get(i);
          o.doc.references.add(new RefSite(o.doc.loc(at), o.doc.subject, o.childPath("systems") + "[" + i + "]",
              ObjectType.SYSTEM, systems.get(i)));
        }
      }
    }
    return systems;
  }

  static void reference(ObjNode o, String key, ObjectType target, String name) {
    o.doc.references.add(new RefSite(o.doc.loc(o.value(key)), o.doc.subject, o.childPath(key), target, name));
  }

  private static ResourceSpec resource(ObjNode o) {
    o.allow(ConfigFields.RESOURCE);
    String identifier = o.requiredString("identifier");
    if (identifier != null && identifier.length() > Names.MAX_IDENTIFIER) {
      o.doc.error(o.value("identifier"), "identifier",
          "is " + identifier.length() + " characters long; at most " + Names.MAX_IDENTIFIER + " are allowed");
    }
    return new ResourceSpec(identifier, o.requiredString("name"), o.requiredString("kind"),
        o.requiredString("version"), o.stringMap("metadata", false), o.data("config", false));
  }

  private static JobAgentSpec jobAgent(DocContext doc, ObjNode o) {
    o.allow(ConfigFields.JOB_AGENT);
    List<String> kinds = new ArrayList<>();
    for (String k : AgentConfig.KINDS) {
      if (o.keys().contains(k)) {
        kinds.add(k);
      }
    }
    String name = o.slug("name", true);
    String description = o.string("description");
    if (kinds.isEmpty()) {
      doc.error(o.node, "", "needs exactly one of " + String.join(", ", AgentConfig.KINDS));
      return null;
    }
    if (kinds.size() > 1) {
      doc.error(o.keyNode(kinds.get(1)), kinds.get(1),
          "a job agent has exactly one kind, but this one has both " + kinds.get(0) + " and " + kinds.get(1));
      return null;
    }
    if (!o.has(kinds.get(0))) {
      doc.error(o.keyNode(kinds.get(0)), kinds.get(0), "is empty; " + AgentBinder.needs(kinds.get(0)));
      return null;
    }
    AgentConfig config = AgentBinder.bind(o.object(kinds.get(0), true), kinds.get(0));
    return new JobAgentSpec(name, description, config);
  }

  private static PolicySpec policy(ObjNode o) {
    o.allow(ConfigFields.POLICY);
    String name = o.slug("name", true);
    String selector = o.expression("selector", false, ExprSite.Kind.SELECTOR);
    if (!o.has("selector")) {
      o.doc.error(o.node, "selector", "is required (use \"true\" to apply the policy to every release target)");
    }
    int priority = o.integer("priority", 0, Integer.MIN_VALUE);
    boolean enabled = o.bool("enabled", true);
    List<PolicyRule> rules = new ArrayList<>();
    java.util.Map<String, Location> metricNames = new java.util.HashMap<>();
    for (ObjNode rule : o.objects("rules", false)) {
      PolicyRule bound = rule == null ? null : RuleBinder.bind(rule, metricNames);
      if (bound != null) {
        rules.add(bound);
      }
    }
    return new PolicySpec(name, o.string("description"), selector, priority, enabled, rules);
  }
}
