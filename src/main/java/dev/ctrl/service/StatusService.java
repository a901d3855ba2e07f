package dev.ctrl.service;

import dev.ctrl.model.ObjectType;
import dev.ctrl.store.GroupStatus;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** `ctrl status`: every declared deployment in every declared environment, at a glance. */
public final class StatusService {
  /** In the order a cell shows the first that applies. */
  public enum State {
    ROLLING_OUT,
    FAILED,
    BLOCKED,
    CONVERGED,
    EMPTY;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One deployment in one environment: the version most of its targets run (null when none runs
   * one yet, or no targets), how many targets there are and how many run that version.
   */
  public record Cell(String deployment, String environment, String version, int targets, int onVersion, State state) {}

  private final StoreReader store;

  public StatusService(StoreReader store) {
    this.store = store;
  }

  /** Rows by deployment name, environments by name; all deployments when the list is empty. */
  public List<Cell> matrix(List<String> deployments) {
    deployments.forEach(d -> VersionService.requireDeployment(store, d));
    List<String> rows = deployments.isEmpty()
        ? store.objects(ObjectType.DEPLOYMENT).stream().map(StoredObject::id).toList()
        : deployments.stream().distinct().sorted().toList();
    List<String> columns = store.objects(ObjectType.ENVIRONMENT).stream().map(StoredObject::id).toList();
    Map<List<String>, GroupStatus> groups = new HashMap<>();
    store.groupStatuses(rows).forEach(g -> groups.put(List.of(g.deployment(), g.environment()), g));
    List<Cell> out = new ArrayList<>();
    for (String d : rows) {
      for (String e : columns) {
        GroupStatus g = groups.get(List.of(d, e));
        out.add(g == null ? new Cell(d, e, null, 0, 0, State.EMPTY) : cell(g));
      }
    }
    return out;
  }

  static Cell cell(GroupStatus g) {
    // the most common version; a tie goes to the newer one, and any version to targets that run none
    GroupStatus.VersionCount top = g.versions().stream()
        .max(Comparator.comparing((GroupStatus.VersionCount v) -> v.tag() != null)
            .thenComparingInt(GroupStatus.VersionCount::targets)
            .thenComparing(GroupStatus.VersionCount::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
        .orElseThrow();
    State state = g.rollingOut() ? State.ROLLING_OUT : g.failed() ? State.FAILED : g.blocked() ? State.BLOCKED
        : State.CONVERGED;
    return new Cell(g.deployment(), g.environment(), top.tag(), g.targets(), top.tag() == null ? 0 : top.targets(),
        state);
  }
}
