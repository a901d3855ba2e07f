package dev.ctrl.config;

import dev.ctrl.CtrlException;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.Declared;
import dev.ctrl.model.ObjectType;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads YAML files (or directories of them) into bound documents, collecting every error. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Files and directories (absolute); directories are read recursively (*.yaml, *.yml), skipping
   * hidden directories below them. Messages name files relative to base, as the user wrote them.
   */
  public static LoadedConfig load(List<Path> paths, Path base) {
    Collected into = new Collected();
    for (Path file : expand(paths)) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CtrlException.usage("cannot read " + file + ": " + e.getMessage());
      }
      parse(display(file, base), text, into);
    }
    checkDuplicates(into.documents, into.errors);
    return into.toConfig();
  }

  private static String display(Path file, Path base) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return abs.startsWith(b) && !abs.equals(b) ? b.relativize(abs).toString() : abs.toString();
  }

  static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          // hidden directories below the one named hold other tools' YAML (.github/workflows) or
          // ctrl's own state (.ctrl), never declarations
          walk.filter(Files::isRegularFile)
              .filter(f -> !hiddenBelow(p, f))
              .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw CtrlException.usage("cannot read directory " + p + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw CtrlException.usage("no such file or directory: " + p);
      }
    }
    return files;
  }

  /** Whether a directory between root and file (both excluded) has a name starting with a dot. */
  private static boolean hiddenBelow(Path root, Path file) {
    Path rel = root.relativize(file);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (rel.getName(i).toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Parses one file's text; public for tests and for `-f -` style callers. */
  public static void parse(String file, String text, Collected into) {
    List<ConfigError> errors = into.errors;
    into.lines = text.split("\n", -1);
    List<Node> roots = new ArrayList<>();
    try (Reader reader = new StringReader(text)) {
      for (Node n : yaml().composeAll(reader)) {
        if (n != null) {
          roots.add(n);
        }
      }
    } catch (MarkedYAMLException e) {
      errors.add(yamlError(file, e));
      return;
    } catch (YAMLException | IOException e) {
      errors.add(new ConfigError(new Location(file, 1, 1), null, "", "invalid YAML: " + e.getMessage()));
      return;
    }
    int index = 0;
    for (Node root : roots) {
      index++;
      bindDocument(file, index, root, into);
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(16 * 1024 * 1024);
    return new Yaml(options);
  }

  /** Points at where the trouble starts: an unclosed quote at its opening, not at the end of the file. */
  private static ConfigError yamlError(String file, MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
    Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String message = problem + (e.getContext() == null ? "" : " (" + e.getContext() + ")");
    if (problem.contains("end of stream") && e.getContextMark() != null && e.getContext() != null) {
      m = e.getContextMark();
      message = e.getContext().replace("while scanning a ", "").replace("while parsing a ", "")
          + " that starts here is never closed";
    }
    Location at = m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
    return new ConfigError(at, null, "", "invalid YAML: " + message);
  }

  private static void bindDocument(String file, int index, Node root, Collected into) {
    List<ConfigError> errors = into.errors;
    List<ExprSite> expressions = new ArrayList<>();
    List<RefSite> references = new ArrayList<>();
    DocContext doc = new DocContext(file, null, errors, expressions, references);
    doc.lines = into.lines;
    if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
      doc.error(root, "", "document " + index + " must be an object (key: value pairs) with a \"type:\", not "
          + ObjNode.describe(root));
      return;
    }
    int before = errors.size();
    doc.subject = subject((org.yaml.snakeyaml.nodes.MappingNode) root, index);
    ObjNode obj = ObjNode.of(doc, root, "");
    String typeText = obj.value("type") instanceof ScalarNode s && !ObjNode.isNull(s) ? s.getValue() : null;
    if (typeText == null) {
      doc.error(root, "", "document " + index + " has no \"type:\" (one of " + String.join(", ", ObjectType.kinds()) + ")");
      return;
    }
    Optional<ObjectType> type = ObjectType.fromKind(typeText);
    if (type.isEmpty()) {
      doc.error(obj.value("type"), "type", "\"" + typeText + "\" is not a document type"
          + DidYouMean.hint(typeText, ObjectType.kinds()) + "; use one of " + String.join(", ", ObjectType.kinds()));
      return;
    }
    String idField = type.get() == ObjectType.RESOURCE ? "identifier" : "name";
    String id = obj.value(idField) instanceof ScalarNode s && !ObjNode.isNull(s) ? s.getValue() : null;
    doc.subject = type.get().kind() + (id == null ? " (document " + index + ")" : " \"" + id + "\"");
    Declared spec = DocumentBinder.bind(doc, obj, type.get());
    into.expressions.addAll(expressions);
    into.references.addAll(references);
    if (spec != null && errors.size() == before) {
      Object plain = PlainData.of(null, root, "", false);
      into.documents.add(new LoadedDocument(spec, doc.loc(root), JsonText.canonical(plain), expressions, references));
    }
  }

  /** `Policy "prod-gates"` from the first type and name keys, read before any validation. */
  private static String subject(org.yaml.snakeyaml.nodes.MappingNode root, int index) {
    String type = null;
    String name = null;
    String identifier = null;
    for (org.yaml.snakeyaml.nodes.NodeTuple t : root.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v && !ObjNode.isNull(v)) {
        switch (k.getValue()) {
          case "type" -> type = type == null ? v.getValue() : type;
          case "name" -> name = name == null ? v.getValue() : name;
          case "identifier" -> identifier = identifier == null ? v.getValue() : identifier;
          default -> { }
        }
      }
    }
    Optional<ObjectType> t = type == null ? Optional.empty() : ObjectType.fromKind(type);
    if (t.isEmpty()) {
      return null;
    }
    String id = t.get() == ObjectType.RESOURCE ? identifier : name;
    return t.get().kind() + (id == null ? " (document " + index + ")" : " \"" + id + "\"");
  }

  private static void checkDuplicates(List<LoadedDocument> docs, List<ConfigError> errors) {
    Map<String, LoadedDocument> seen = new HashMap<>();
    List<LoadedDocument> unique = new ArrayList<>();
    for (LoadedDocument d : docs) {
      String key = d.spec().type() + "/" + d.spec().id();
      LoadedDocument first = seen.putIfAbsent(key, d);
      if (first == null) {
        unique.add(d);
      } else {
        errors.add(new ConfigError(d.at(), d.spec().label(), "",
            "is declared twice (first at " + first.at() + ")"));
      }
    }
    docs.clear(); // not retainAll: that compares every pair of documents
    docs.addAll(unique);
  }
}
