package dev.ctrl.cli;

import dev.ctrl.engine.Decision;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.VersionEvaluation;
import dev.ctrl.json.JsonText;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stable JSON shape of a plan decision (the field list), written straight from the
 * decision as an element of `plan -o json`'s array, indented as JsonText.prettyElement indents.
 *
 * <p>Why not maps handed to JsonText: a large fleet's plan is hundreds of MB of JSON, and a map
 * per target, version and rule cost a second of CPU and most of the garbage at 100,000 targets.
 * Many targets of a group share the very same rule verdicts (approval, progression), so a
 * verdict's text is kept per thread, by identity, and copied instead of rendered again. Other
 * formats (YAML) read the shape back from this text (map).
 */
final class PlanJson {
  private PlanJson() {}

  private static final int CACHED_RULES = 16384;
  private static final String SEEN = "";

  private static final class Buffers {
    final StringBuilder out = new StringBuilder(8192);
    final Map<RuleResult, String> rules = new IdentityHashMap<>();
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** The decision as maps and lists, for the other output formats. */
  static Map<String, Object> map(Decision d) {
    return JsonText.parseObject(element(d).strip());
  }

  static String element(Decision d) {
    Buffers b = BUFFERS.get();
    StringBuilder out = b.out;
    out.setLength(0);
    out.append("  {");
    field(out, 2, "key", d.key().toString());
    out.append(',');
    field(out, 2, "deployment", d.key().deployment());
    out.append(',');
    field(out, 2, "environment", d.key().environment());
    out.append(',');
    field(out, 2, "resource", d.key().resource());
    out.append(',');
    field(out, 2, "currentVersion", d.currentVersion());
    out.append(',');
    field(out, 2, "desiredVersion", d.desiredVersion());
    out.append(',');
    field(out, 2, "action", d.action().wire());
    out.append(',');
    field(out, 2, "nextEvaluation", iso(d.nextEvaluation()));
    out.append(',');
    name(out, 2, "versions");
    versions(out, b, d);
    newline(out, 1);
    out.append('}');
    String text = out.toString();
    if (out.capacity() > 1 << 20) {
      BUFFERS.remove(); // one huge element must not pin its buffer for good
    }
    return text;
  }

  /**
   * Job gates and blocks belong to the version they would act on, the desired one; without it
   * among the candidates considered, they get a version entry of their own.
   */
  private static void versions(StringBuilder out, Buffers b, Decision d) {
    List<VersionEvaluation> versions = d.versions();
    List<RuleResult> gates = d.jobGates();
    int gatesWith = -1;
    if (!gates.isEmpty()) {
      for (int i = 0; i < versions.size() && gatesWith < 0; i++) {
        if (versions.get(i).tag().equals(d.desiredVersion())) {
          gatesWith = i;
        }
      }
    }
    boolean ownEntry = !gates.isEmpty() && gatesWith < 0;
    if (versions.isEmpty() && !ownEntry) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < versions.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      VersionEvaluation v = versions.get(i);
      version(out, b, v.tag(), v.allowed(), v.rules(), i == gatesWith ? gates : List.of());
    }
    if (ownEntry) {
      if (!versions.isEmpty()) {
        out.append(',');
      }
      version(out, b, d.desiredVersion() != null ? d.desiredVersion() : d.currentVersion(), false, List.of(), gates);
    }
    newline(out, 2);
    out.append(']');
  }

  private static void version(StringBuilder out, Buffers b, String tag, boolean allowed, List<RuleResult> rules,
      List<RuleResult> gates) {
    newline(out, 3);
    out.append('{');
    field(out, 4, "tag", tag);
    out.append(',');
    name(out, 4, "allowed");
    out.append(allowed);
    out.append(',');
    name(out, 4, "rules");
    if (rules.isEmpty() && gates.isEmpty()) {
      out.append("[]");
    } else {
      out.append('[');
      boolean first = true;
      for (List<RuleResult> list : List.of(rules, gates)) {
        for (RuleResult r : list) {
          if (!first) {
            out.append(',');
          }
          first = false;
          rule(out, b, r);
        }
      }
      newline(out, 4);
      out.append(']');
    }
    newline(out, 3);
    out.append('}');
  }

  private static void rule(StringBuilder out, Buffers b, RuleResult r) {
    String cached = b.rules.get(r);
    if (cached != null && !cached.isEmpty()) {
      out.append(cached);
      return;
    }
    int start = out.length();
    newline(out, 5);
    out.append('{');
    field(out, 6, "policy", r.policy());
    out.append(',');
    name(out, 6, "rule");
    out.append(r.rule() == null ? "null" : r.rule().toString());
    out.append(',');
    field(out, 6, "type", r.type());
    out.append(',');
    field(out, 6, "verdict", r.verdict().wire());
    out.append(',');
    field(out, 6, "reason", r.reason());
    out.append(',');
    field(out, 6, "satisfiedAt", iso(r.satisfiedAt()));
    out.append(',');
    field(out, 6, "nextEvaluation", iso(r.nextEvaluation()));
    newline(out, 5);
    out.append('}');
    if (b.rules.size() >= CACHED_RULES) {
      b.rules.clear(); // verdicts are shared within a group: the ones of groups gone by are not needed
    }
    // kept from its second use on: most verdicts belong to one target only (SEEN marks the first)
    b.rules.put(r, cached == null ? SEEN : out.substring(start));
  }

  private static void field(StringBuilder out, int depth, String name, String value) {
    name(out, depth, name);
    if (value == null) {
      out.append("null");
    } else {
      JsonText.quote(out, value);
    }
  }

  private static void name(StringBuilder out, int depth, String name) {
    newline(out, depth);
    out.append('"').append(name).append("\": ");
  }

  private static final String SPACES = " ".repeat(16);

  private static void newline(StringBuilder out, int depth) {
    out.append('\n').append(SPACES, 0, 2 * depth);
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
  }
}
