package dev.ctrl.store;

import dev.ctrl.json.JsonText;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates and updates versions in plain JDBC. `ctrl version create` runs in every CI build, and
 * initialising jOOQ (its data-type registry, its query renderer) was a third of that command's
 * time; this writer is the one path for versions, so there is no second copy in jOOQ to drift.
 */
final class VersionWriter implements VersionTx {
  private static final String COLUMNS =
      "id, deployment, tag, name, status, metadata, config, agent_config, message, created_at, updated_at";

  private final Connection conn;
  private final EventLog log;
  private final String actor;
  private final long now;

  VersionWriter(Connection conn, EventLog log, String actor, Instant now) {
    this.conn = conn;
    this.log = log;
    this.actor = actor;
    this.now = now.toEpochMilli();
  }

  @Override
  public boolean deploymentExists(String name) {
    try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM deployments WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  @Override
  public Set<String> deploymentNames() {
    Set<String> names = new TreeSet<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM deployments");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  @Override
  public Change putVersion(VersionDraft d) {
    try {
      return put(d);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  private Change put(VersionDraft d) throws SQLException {
    Optional<Version> existing = find(d.deployment(), d.tag());
    String subject = "version/" + d.deployment() + "/" + d.tag();
    if (existing.isEmpty()) {
      VersionStatus status = d.status() == null ? VersionStatus.READY : d.status();
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO versions (deployment, tag, name, status, metadata,"
          + " config, agent_config, message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)")) {
        ps.setString(1, d.deployment());
        ps.setString(2, d.tag());
        ps.setString(3, d.name() == null ? d.tag() : d.name());
        ps.setString(4, status.wire());
        ps.setString(5, JsonText.canonical(d.metadata()));
        ps.setString(6, JsonText.canonical(d.config()));
        ps.setString(7, d.message());
        ps.setLong(8, now);
        ps.setLong(9, now);
        ps.executeUpdate();
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("status", status.wire());
      detail.put("metadata", d.metadata());
      detail.put("config", d.config());
      if (d.name() != null) {
        detail.put("name", d.name());
      }
      if (d.message() != null) {
        detail.put("message", d.message());
      }
      log.append(now, actor, "version.created", subject, detail);
      return Change.CREATED;
    }
    Version v = existing.get();
    Map<String, Object> metadata = new LinkedHashMap<>(v.metadata());
    metadata.putAll(d.metadata());
    Map<String, Object> config = deepMerge(v.config(), d.config());
    String name = d.name() == null ? v.name() : d.name();
    VersionStatus status = d.status() == null ? v.status() : d.status();
    String message = d.message() == null ? v.message() : d.message();
    boolean same = Objects.equals(name, v.name()) && status == v.status() && Objects.equals(message, v.message())
        && JsonText.canonical(metadata).equals(JsonText.canonical(v.metadata()))
        && JsonText.canonical(config).equals(JsonText.canonical(v.config()));
    if (same) {
      return Change.UNCHANGED;
    }
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE versions SET name = ?, status = ?, metadata = ?, config = ?, message = ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, name);
      ps.setString(2, status.wire());
      ps.setString(3, JsonText.canonical(metadata));
      ps.setString(4, JsonText.canonical(config));
      ps.setString(5, message);
      ps.setLong(6, now);
      ps.setLong(7, v.id());
      ps.executeUpdate();
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("status", status.wire());
    detail.put("metadata", metadata);
    detail.put("config", config);
    detail.put("name", name);
    if (message != null) {
      detail.put("message", message);
    }
    log.append(now, actor, "version.updated", subject, detail);
    return Change.UPDATED;
  }

  private Optional<Version> find(String deployment, String tag) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT " + COLUMNS + " FROM versions WHERE deployment = ? AND tag = ?")) {
      ps.setString(1, deployment);
      ps.setString(2, tag);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(version(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getLong(11)));
      }
    }
  }

  /** A version from its row's columns, in table order: the one mapping, for jOOQ reads too (Queries). */
  static Version version(long id, String deployment, String tag, String name, String status, String metadata,
      String config, String agentConfig, String message, long createdAt, long updatedAt) {
    return new Version(id, deployment, tag, name, VersionStatus.parse(status).orElse(VersionStatus.READY),
        JsonText.parseObject(metadata), JsonText.parseObject(config), JsonText.parseObject(agentConfig), message,
        Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(updatedAt));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object old = out.get(e.getKey());
      if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
        out.put(e.getKey(), deepMerge((Map<String, Object>) om, (Map<String, Object>) nm));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  void flush() {
    log.flush();
  }
}
