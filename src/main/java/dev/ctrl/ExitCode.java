package dev.ctrl;

/** Exit codes of every command; the README and `--help` list the same table. */
public final class ExitCode {
  public static final int OK = 0;
  /** Something failed (or, for rollout, was rolled back). */
  public static final int FAILURE = 1;
  /** Usage or configuration error: bad flags, invalid YAML, unknown names, bad state file. */
  public static final int USAGE = 2;
  /** Rollout: something waits on a person, or on a gate beyond the deadline. */
  public static final int WAITING = 3;
  /** Rollout: the deadline passed with work still in progress. */
  public static final int TIMEOUT = 4;
  /** Rollout: a lease is held by another loop. */
  public static final int NO_LEASE = 5;
  /** Interrupted by Ctrl-C. */
  public static final int INTERRUPTED = 130;

  public static final String HELP_TEXT =
      "Exit codes:%n"
          + "  0    success%n"
          + "  1    something failed%n"
          + "  2    usage or configuration error (nothing was changed)%n"
          + "  3    rollout: waiting on a person or on a gate beyond the deadline%n"
          + "  4    rollout: deadline passed with work in progress%n"
          + "  5    rollout: another loop holds the lease%n"
          + "  130  interrupted%n";

  private ExitCode() {}
}
