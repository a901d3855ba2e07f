package dev.ctrl.store;

import java.sql.SQLException;

/** An SQLException from plain JDBC code inside a transaction's work, which cannot throw it as is. */
final class SqlFailure extends RuntimeException {
  SqlFailure(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}
