package dev.ctrl.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds a lease: `<host> pid <pid> since <instant>`, plus `, pidns <inode>` where the process
 * can read its PID namespace (Linux). A loop that finds an unexpired lease whose holder ran on
 * the same host, in the same PID namespace, under a pid that no longer exists, knows that loop
 * was killed and takes the lease over at once instead of waiting out the 30 s. Anything it cannot
 * be sure of (another host, another or unknown namespace, a pid that is alive, even if reused)
 * leaves the lease to expire as before.
 */
public final class LeaseHolder {
  private static final Pattern FORMAT = Pattern.compile("(.+) pid (\\d+) since (\\S+?)(?:, pidns (\\d+))?");
  private static final Pattern NAMESPACE = Pattern.compile("pid:\\[(\\d+)]");

  private LeaseHolder() {}

  /** The holder string of this process: host, pid, start (to the second) and PID namespace when known. */
  public static String of(String host, Instant since) {
    String ns = pidNamespace();
    return host + " pid " + ProcessHandle.current().pid() + " since " + since.truncatedTo(ChronoUnit.SECONDS)
        + (ns == null ? "" : ", pidns " + ns);
  }

  /**
   * Whether `other` names a process that has ended and that `self` can see would be alive if it
   * were not: same host and the same, known, PID namespace.
   */
  static boolean endedOnThisMachine(String other, String self) {
    Matcher o = FORMAT.matcher(other);
    Matcher s = FORMAT.matcher(self);
    if (other.equals(self) || !o.matches() || !s.matches()) {
      return false;
    }
    if (!o.group(1).equals(s.group(1)) || o.group(4) == null || !o.group(4).equals(s.group(4))) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(o.group(2));
    } catch (NumberFormatException e) {
      return false;
    }
    return pid != ProcessHandle.current().pid() && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The inode of this process's PID namespace, or null where there is no /proc (not Linux). */
  private static String pidNamespace() {
    try {
      Matcher m = NAMESPACE.matcher(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
      return m.matches() ? m.group(1) : null;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
