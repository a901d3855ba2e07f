package dev.ctrl.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The declared document types, in the order apply writes them (references point backwards). */
public enum ObjectType {
  SYSTEM("System", "systems", "system"),
  JOB_AGENT("JobAgent", "agents", "agent"),
  ENVIRONMENT("Environment", "environments", "environment"),
  DEPLOYMENT("Deployment", "deployments", "deployment"),
  RESOURCE("Resource", "resources", "resource"),
  POLICY("Policy", "policies", "policy");

  private final String kind;
  private final String plural;
  private final String singular;

  ObjectType(String kind, String plural, String singular) {
    this.kind = kind;
    this.plural = plural;
    this.singular = singular;
  }

  /** The `type:` value in YAML. */
  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String singular() {
    return singular;
  }

  public static Optional<ObjectType> fromKind(String kind) {
    return Arrays.stream(values()).filter(t -> t.kind.equals(kind)).findFirst();
  }

  /** Accepts what people type on the command line: `policy`, `policies`, `Policy`, `jobagent`. */
  public static Optional<ObjectType> fromWord(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(t -> t.plural.equals(w) || t.singular.equals(w) || t.kind.toLowerCase(Locale.ROOT).equals(w)
            || (t == JOB_AGENT && (w.equals("jobagents") || w.equals("job-agent") || w.equals("job-agents"))))
        .findFirst();
  }

  public static List<String> kinds() {
    return Arrays.stream(values()).map(ObjectType::kind).toList();
  }
}
