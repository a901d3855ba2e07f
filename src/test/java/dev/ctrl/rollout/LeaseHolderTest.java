package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A killed loop's lease may be taken over at once only by a loop that can see it is gone. */
class LeaseHolderTest {
  static final Instant SINCE = Instant.parse("2026-11-27T10:00:00.123Z");

  @Test
  void theHolderNamesHostPidStartAndPidNamespace() {
    String self = LeaseHolder.of("ci-7", SINCE);
    assertThat(self).startsWith("ci-7 pid " + ProcessHandle.current().pid() + " since 2026-11-27T10:00:00Z");
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(self).matches(".*, pidns \\d+");
    }
  }

  @Test
  void aHolderWhoseProcessEndedOnThisHostAndNamespaceIsEnded() throws Exception {
    String self = LeaseHolder.of("ci-7", SINCE);
    String ns = namespace(self);
    long dead = deadPid();
    assertThat(LeaseHolder.endedOnThisMachine("ci-7 pid " + dead + " since 2026-11-27T09:00:00Z, pidns " + ns, self))
        .isTrue();
  }

  @Test
  void anythingThatCannotBeJudgedIsNotEnded() throws Exception {
    String self = LeaseHolder.of("ci-7", SINCE);
    String ns = namespace(self);
    long dead = deadPid();
    // another host, another or unknown PID namespace: its pids mean nothing here
    assertThat(LeaseHolder.endedOnThisMachine("ci-8 pid " + dead + " since 2026-11-27T09:00:00Z, pidns " + ns, self))
        .isFalse();
    assertThat(LeaseHolder.endedOnThisMachine("ci-7 pid " + dead + " since 2026-11-27T09:00:00Z, pidns 1" + ns, self))
        .isFalse();
    assertThat(LeaseHolder.endedOnThisMachine("ci-7 pid " + dead + " since 2026-11-27T09:00:00Z", self)).isFalse();
    assertThat(LeaseHolder.endedOnThisMachine("someone else", self)).isFalse();
    // itself, and a process that is alive
    assertThat(LeaseHolder.endedOnThisMachine(self, self)).isFalse();
    Process alive = new ProcessBuilder("sleep", "30").start();
    try {
      assertThat(LeaseHolder.endedOnThisMachine("ci-7 pid " + alive.pid() + " since 2026-11-27T09:00:00Z, pidns " + ns,
          self)).isFalse();
    } finally {
      alive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String namespace(String holder) {
    int at = holder.indexOf(", pidns ");
    assumeTrue(at > 0, "no PID namespace to compare on this system");
    return holder.substring(at + ", pidns ".length());
  }

  /** The pid of a process that has ended and been reaped. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.pid();
  }
}
