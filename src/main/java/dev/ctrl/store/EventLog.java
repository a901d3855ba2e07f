package dev.ctrl.store;

import dev.ctrl.json.JsonText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit log with its SHA-256 hash chain (DOMAIN.md section 11):
 * entryHash = SHA-256("ctrl-audit-v1" || prevHash || seq || at || actor || kind || subject || detail),
 * integers as 8-byte big-endian, strings as a 4-byte big-endian length and their UTF-8 bytes.
 */
final class EventLog {
  static final byte[] GENESIS = new byte[32];
  private static final byte[] DOMAIN_TAG = "ctrl-audit-v1".getBytes(StandardCharsets.UTF_8);
  private static final int BATCH = 500;

  private final Connection conn;
  private final List<Object[]> pending = new ArrayList<>();
  private long lastSeq = -1;
  private byte[] lastHash;

  /**
   * One log per write transaction, which serialises writers (BEGIN IMMEDIATE): the chain's tail can
   * be cached. Plain JDBC: the log is written from both jOOQ transactions and the version writer.
   */
  EventLog(Connection conn) {
    this.conn = conn;
  }

  /** Appends one event (written at the latest by flush, before the transaction commits). */
  void append(long at, String actor, String kind, String subject, Map<String, Object> detail) {
    if (lastSeq < 0) {
      try (PreparedStatement ps = conn.prepareStatement("SELECT seq, entry_hash FROM events ORDER BY seq DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        boolean any = rs.next();
        lastSeq = any ? rs.getLong(1) : 0;
        lastHash = any ? rs.getBytes(2) : GENESIS;
      } catch (SQLException e) {
        throw new SqlFailure(e);
      }
    }
    long seq = lastSeq + 1;
    String detailJson = JsonText.canonical(detail);
    byte[] hash = hash(lastHash, seq, at, actor, kind, subject, detailJson);
    pending.add(new Object[] {seq, at, actor, kind, subject, detailJson, lastHash, hash});
    lastSeq = seq;
    lastHash = hash;
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  /** Writes the buffered events in batches. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO events (seq, at, actor, kind, subject, detail,"
        + " prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Object[] row : pending) {
        ps.setLong(1, (Long) row[0]);
        ps.setLong(2, (Long) row[1]);
        ps.setString(3, (String) row[2]);
        ps.setString(4, (String) row[3]);
        ps.setString(5, (String) row[4]);
        ps.setString(6, (String) row[5]);
        ps.setBytes(7, (byte[]) row[6]);
        ps.setBytes(8, (byte[]) row[7]);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
    pending.clear();
  }

  static byte[] hash(byte[] prev, long seq, long at, String actor, String kind, String subject, String detail) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(DOMAIN_TAG);
      sha.update(prev);
      sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(at).array());
      for (String s : new String[] {actor, kind, subject, detail}) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
