package dev.ctrl.engine;

/**
 * Hash codes for the engine's cache keys. A record's default hash (31 * h1 + h2) collides badly
 * for names like svc-01 / r000123, which turned map lookups into list scans at 100,000 targets;
 * multiplying by a large odd constant spreads them.
 */
public final class HashMix {
  private static final int K = 0x9E3779B1;

  private HashMix() {}

  public static int of(int a, int b) {
    return a * K + b;
  }

  public static int of(int a, int b, int c) {
    return of(of(a, b), c);
  }

  public static int of(int a, int b, int c, int d) {
    return of(of(a, b, c), d);
  }
}
