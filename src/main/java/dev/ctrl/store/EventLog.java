package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.EVENTS;

import dev.ctrl.json.JsonText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The append-only audit log with its SHA-256 hash chain (DOMAIN.md section 11):
 * entryHash = SHA-256("ctrl-audit-v1" || prevHash || seq || at || actor || kind || subject || detail),
 * integers as 8-byte big-endian, strings as a 4-byte big-endian length and their UTF-8 bytes.
 */
final class EventLog {
  static final byte[] GENESIS = new byte[32];
  private static final byte[] DOMAIN_TAG = "ctrl-audit-v1".getBytes(StandardCharsets.UTF_8);
  private static final int BATCH = 500;

  private final DSLContext ctx;
  private final List<Object[]> pending = new ArrayList<>();
  private long lastSeq = -1;
  private byte[] lastHash;

  /** One log per write transaction, which serialises writers (BEGIN IMMEDIATE): the chain's tail can be cached. */
  EventLog(DSLContext ctx) {
    this.ctx = ctx;
  }

  /** Appends one event (written at the latest by flush, before the transaction commits). */
  void append(long at, String actor, String kind, String subject, Map<String, Object> detail) {
    if (lastSeq < 0) {
      Record2<Long, byte[]> last = ctx.select(EVENTS.SEQ, EVENTS.ENTRY_HASH).from(EVENTS)
          .orderBy(EVENTS.SEQ.desc()).limit(1).fetchOne();
      lastSeq = last == null ? 0 : last.value1();
      lastHash = last == null ? GENESIS : last.value2();
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
    BatchBindStep batch = ctx.batch(ctx.insertInto(EVENTS, EVENTS.SEQ, EVENTS.AT, EVENTS.ACTOR, EVENTS.KIND,
        EVENTS.SUBJECT, EVENTS.DETAIL, EVENTS.PREV_HASH, EVENTS.ENTRY_HASH)
        .values((Long) null, null, null, null, null, null, null, null));
    for (Object[] row : pending) {
      batch.bind(row);
    }
    batch.execute();
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
