package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.EVENTS;

import dev.ctrl.json.JsonText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
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

  private EventLog() {}

  /** Appends one event; must run inside the write transaction whose change it records. */
  static void append(DSLContext ctx, long at, String actor, String kind, String subject, Map<String, Object> detail) {
    Record2<Long, byte[]> last = ctx.select(EVENTS.SEQ, EVENTS.ENTRY_HASH).from(EVENTS)
        .orderBy(EVENTS.SEQ.desc()).limit(1).fetchOne();
    long seq = last == null ? 1 : last.value1() + 1;
    byte[] prev = last == null ? GENESIS : last.value2();
    String detailJson = JsonText.canonical(detail);
    byte[] hash = hash(prev, seq, at, actor, kind, subject, detailJson);
    ctx.insertInto(EVENTS)
        .set(EVENTS.SEQ, seq)
        .set(EVENTS.AT, at)
        .set(EVENTS.ACTOR, actor)
        .set(EVENTS.KIND, kind)
        .set(EVENTS.SUBJECT, subject)
        .set(EVENTS.DETAIL, detailJson)
        .set(EVENTS.PREV_HASH, prev)
        .set(EVENTS.ENTRY_HASH, hash)
        .execute();
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
