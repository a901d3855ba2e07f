package dev.ctrl.service;

import dev.ctrl.config.ConfigError;
import dev.ctrl.config.ConfigException;
import dev.ctrl.config.ConfigLoader;
import dev.ctrl.config.DidYouMean;
import dev.ctrl.config.LoadedConfig;
import dev.ctrl.config.LoadedDocument;
import dev.ctrl.config.Location;
import dev.ctrl.config.RefSite;
import dev.ctrl.engine.ReleaseTargets;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.Declared;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.TargetKey;
import dev.ctrl.store.Change;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.StoredObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * `ctrl apply`: validates every document first (structure, expressions, references, targets),
 * then writes them all in one transaction, or nothing at all.
 */
public final class ApplyService {
  /** One line of apply's output: `environment/production created`. */
  public record Line(ObjectType type, String id, Change change) {}

  public record Result(List<Line> lines, List<TargetKey> targetsAdded, List<TargetKey> targetsRemoved, int targetCount,
      List<String> warnings) {}

  private final Store store;
  private final CelExpressions cel;
  private final String actor;
  private final Instant now;

  public ApplyService(Store store, CelExpressions cel, String actor, Instant now) {
    this.store = store;
    this.cel = cel;
    this.actor = actor;
    this.now = now;
  }

  /** paths are absolute; messages name files relative to base. */
  public Result apply(List<Path> paths, Path base, boolean dryRun, boolean prune) {
    LoadedConfig config = ConfigLoader.load(paths, base);
    if (dryRun) {
      return plan(config, store, prune).result();
    }
    return store.write(actor, now, tx -> {
      Plan plan = plan(config, tx, prune);
      for (LoadedDocument doc : config.documents()) {
        tx.putObject(doc.spec(), doc.specJson(), doc.at().file());
      }
      List<Line> deletes = plan.result().lines().stream().filter(l -> l.change() == Change.DELETED).toList();
      for (int i = deletes.size() - 1; i >= 0; i--) {
        tx.deleteObject(deletes.get(i).type(), deletes.get(i).id());
      }
      tx.syncTargets(plan.targets());
      return plan.result();
    });
  }

  private record Plan(Result result, Set<TargetKey> targets) {}

  private Plan plan(LoadedConfig config, StoreReader state, boolean prune) {
    List<ConfigError> errors = new ArrayList<>(config.errors());
    List<String> warnings = new ArrayList<>();
    errors.addAll(ExpressionCheck.check(config.expressions(), cel));

    Map<ObjectType, Map<String, StoredObject>> stored = new EnumMap<>(ObjectType.class);
    Map<ObjectType, Map<String, LoadedDocument>> declared = new EnumMap<>(ObjectType.class);
    for (ObjectType t : ObjectType.values()) {
      Map<String, StoredObject> byId = new LinkedHashMap<>();
      state.objects(t).forEach(o -> byId.put(o.id(), o));
      stored.put(t, byId);
      declared.put(t, new LinkedHashMap<>());
    }
    for (LoadedDocument d : config.documents()) {
      declared.get(d.spec().type()).put(d.spec().id(), d);
    }

    List<Line> lines = new ArrayList<>();
    for (ObjectType t : ObjectType.values()) {
      for (LoadedDocument d : declared.get(t).values()) {
        StoredObject old = stored.get(t).get(d.spec().id());
        Change c = old == null ? Change.CREATED : old.specJson().equals(d.specJson()) ? Change.UNCHANGED : Change.UPDATED;
        lines.add(new Line(t, d.spec().id(), c));
      }
      if (prune) {
        for (String id : stored.get(t).keySet()) {
          if (!declared.get(t).containsKey(id)) {
            lines.add(new Line(t, id, Change.DELETED));
          }
        }
      }
    }

    // The state after this apply: what the files declare, plus what is stored and not pruned.
    Map<ObjectType, Map<String, Declared>> after = new EnumMap<>(ObjectType.class);
    Map<Declared, Location> locations = new LinkedHashMap<>();
    for (ObjectType t : ObjectType.values()) {
      Map<String, Declared> byId = new LinkedHashMap<>();
      if (!prune) {
        for (StoredObject o : stored.get(t).values()) {
          if (!declared.get(t).containsKey(o.id())) {
            byId.put(o.id(), StateDocuments.bind(o).spec());
          }
        }
      }
      for (LoadedDocument d : declared.get(t).values()) {
        byId.put(d.spec().id(), d.spec());
        locations.put(d.spec(), d.at());
      }
      after.put(t, byId);
    }
    // With --prune nothing stored survives unless a file declares it again, so checking the
    // references of the declared documents against `after` covers pruned objects too.
    checkReferences(config, after, errors);
    for (LoadedDocument d : config.documents()) {
      if (d.spec() instanceof EnvironmentSpec e && e.resourceSelector() == null
          || d.spec() instanceof DeploymentSpec dep && dep.resourceSelector() == null) {
        warnings.add(d.at() + ": " + d.spec().label() + " has no resourceSelector, so it matches no resource");
      }
    }

    if (!errors.isEmpty()) {
      throw new ConfigException(errors); // targets are computed from valid documents only
    }
    ReleaseTargets.Result targets = ReleaseTargets.compute(
        after.get(ObjectType.RESOURCE).values().stream().map(ResourceSpec.class::cast).toList(),
        after.get(ObjectType.ENVIRONMENT).values().stream().map(EnvironmentSpec.class::cast).toList(),
        after.get(ObjectType.DEPLOYMENT).values().stream().map(DeploymentSpec.class::cast).toList(), cel);
    java.util.Set<Declared> reported = new java.util.HashSet<>();
    for (ReleaseTargets.Failure f : targets.failures()) {
      if (!reported.add(f.owner())) {
        continue; // one error per selector: the first resource it fails on shows the problem
      }
      Location at = selectorLocation(config, f.owner(), locations);
      String where = f.resource() == null ? "" : " for resource \"" + f.resource() + "\"";
      errors.add(new ConfigError(at, f.owner().label(), "resourceSelector",
          "\"" + f.expression() + "\" " + f.message() + where));
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }

    Set<TargetKey> before = new TreeSet<>();
    before.addAll(state.targetKeys());
    List<TargetKey> added = targets.targets().stream().filter(k -> !before.contains(k)).toList();
    List<TargetKey> removed = before.stream().filter(k -> !targets.targets().contains(k)).toList();
    return new Plan(new Result(lines, added, removed, targets.targets().size(), warnings), targets.targets());
  }

  private static void checkReferences(LoadedConfig config, Map<ObjectType, Map<String, Declared>> after,
      List<ConfigError> errors) {
    for (RefSite ref : config.references()) {
      Map<String, Declared> known = after.get(ref.target());
      if (!known.containsKey(ref.name())) {
        errors.add(new ConfigError(ref.at(), ref.subject(), ref.path(), unknown(ref.target(), ref.name(), known.keySet())));
      }
    }
  }

  private static Location selectorLocation(LoadedConfig config, Declared owner, Map<Declared, Location> docs) {
    for (LoadedDocument d : config.documents()) {
      if (d.spec() == owner) {
        for (dev.ctrl.config.ExprSite site : d.expressions()) {
          if (site.path().equals("resourceSelector")) {
            return site.at();
          }
        }
      }
    }
    return docs.getOrDefault(owner, new Location("<state>", 1, 1));
  }

  static String unknown(ObjectType type, String name, Set<String> known) {
    String label = type == ObjectType.JOB_AGENT ? "job agent" : type.singular();
    String hint = DidYouMean.hint(name, known);
    String list = known.isEmpty() ? "none is declared" : "known: " + String.join(", ", known);
    return label + " \"" + name + "\" does not exist" + hint + " (" + list + ")";
  }

}
