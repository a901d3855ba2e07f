package dev.ctrl.store;

import java.time.Instant;
import java.util.function.Function;

/**
 * The state of ctrl. Reads outside a transaction see committed data; writes run in
 * {@link #write}, all or nothing. One Store is one connection: not thread-safe.
 */
public interface Store extends StoreReader, AutoCloseable {
  /**
   * Runs work in one BEGIN IMMEDIATE transaction and commits; any exception rolls everything
   * back. `actor` and `now` stamp every row and event written.
   */
  <T> T write(String actor, Instant now, Function<StoreTx, T> work);

  /**
   * Like write, for creating and updating versions only: plain JDBC, no jOOQ, so that
   * `ctrl version create` on every CI build does not pay for initialising it.
   */
  <T> T writeVersions(String actor, Instant now, Function<VersionTx, T> work);

  @Override
  void close();
}
