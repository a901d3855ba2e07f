package dev.ctrl.rollout;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.store.Lease;
import dev.ctrl.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The leases of one loop, one per deployment in scope (DOMAIN.md section 9): taken in name order
 * so two loops never wait on each other crosswise, 30 s to live, renewed every 10 s by a daemon
 * thread on its own connection, so a long measurement or dispatch never lets a lease lapse. A
 * loop whose lease was taken over (it stalled past the expiry) learns it from {@link #lost()}
 * and stops acting. A lease whose holder was a loop on this machine that has been killed is
 * taken over at once ({@link LeaseHolder}), so a restart after a crash need not wait 30 s.
 */
final class LeaseKeeper implements AutoCloseable {
  static final Duration TTL = Duration.ofSeconds(30);
  static final Duration RENEW_EVERY = Duration.ofSeconds(10);

  private final Supplier<Store> opener;
  private final Store store;
  private final String holder;
  private final String actor;
  private final Clock clock;
  private final Sleeper sleeper;
  private final List<String> held = new ArrayList<>();
  private volatile String lost;
  private Thread renewer;

  LeaseKeeper(Store store, Supplier<Store> opener, String holder, String actor, Clock clock, Sleeper sleeper) {
    this.store = store;
    this.opener = opener;
    this.holder = holder;
    this.actor = actor;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  static String leaseName(String deployment) {
    return "deployment/" + deployment;
  }

  /**
   * Takes every lease in name order, waiting up to waitForLock for each one held by another loop.
   * Throws exit code 5 naming the holder and its expiry when one stays taken.
   */
  void acquire(List<String> deployments, Duration waitForLock, RolloutListener listener) throws InterruptedException {
    Instant giveUpAt = clock.instant().plus(waitForLock);
    boolean told = false;
    for (String d : deployments.stream().sorted().toList()) {
      String name = leaseName(d);
      while (true) {
        String[] ended = new String[1];
        Lease lease = store.write(actor, clock.instant(), tx -> tx.acquireLease(name, holder, TTL, other -> {
          boolean gone = LeaseHolder.endedOnThisMachine(other, holder);
          ended[0] = gone ? other : null;
          return gone;
        }));
        if (lease.holder().equals(holder)) {
          held.add(name);
          if (ended[0] != null) {
            listener.event(new RolloutEvent(clock.instant(), "lease.takenOver", null, null, null, null,
                "took over deployment " + d + " from a loop that has ended (" + ended[0] + ")"));
          }
          break;
        }
        Instant now = clock.instant();
        if (!now.isBefore(giveUpAt)) {
          release();
          throw new CtrlException(ExitCode.NO_LEASE, "deployment " + d + " is being rolled out by another loop ("
              + lease.holder() + "); its lease expires at " + lease.expiresAt(),
              "wait for it to finish, or pass --wait-for-lock 5m to wait here");
        }
        if (!told) {
          listener.event(new RolloutEvent(now, "lease.waiting", null, null, null, null,
              "waiting for " + lease.holder() + " to release deployment " + d + " (expires " + lease.expiresAt() + ")"));
          told = true;
        }
        Duration left = Duration.between(now, giveUpAt);
        sleeper.sleep(left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
      }
    }
    startRenewing();
  }

  private void startRenewing() {
    if (held.isEmpty()) {
      return;
    }
    List<String> names = List.copyOf(held);
    renewer = new Thread(() -> {
      try (Store own = opener.get()) {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(RENEW_EVERY.toMillis());
          for (String name : names) {
            Lease lease = own.write(actor, clock.instant(), tx -> tx.acquireLease(name, holder, TTL));
            if (!lease.holder().equals(holder)) {
              lost = name + " was taken over by " + lease.holder();
            }
          }
        }
      } catch (InterruptedException e) {
        // closing
      } catch (RuntimeException e) {
        lost = "renewing the leases failed: " + e.getMessage();
      }
    }, "ctrl-lease-renewer");
    renewer.setDaemon(true);
    renewer.start();
  }

  /** Why the loop no longer holds its leases, or null while it does. */
  String lost() {
    return lost;
  }

  /** Gives up every lease this loop holds. */
  void release() {
    if (renewer != null) {
      renewer.interrupt();
      try {
        renewer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      renewer = null;
    }
    if (held.isEmpty()) {
      return;
    }
    List<String> names = List.copyOf(held);
    held.clear();
    store.write(actor, clock.instant(), tx -> {
      names.forEach(n -> tx.releaseLease(n, holder));
      return null;
    });
  }

  @Override
  public void close() {
    release();
  }
}
