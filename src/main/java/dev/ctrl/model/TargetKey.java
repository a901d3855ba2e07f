package dev.ctrl.model;

/**
 * The stable key of a release target: `deployment/environment/resource-identifier`. Names are
 * slugs (no slash), so the first two slashes split the key even when the identifier has slashes.
 */
public record TargetKey(String deployment, String environment, String resource) implements Comparable<TargetKey> {
  @Override
  public String toString() {
    return deployment + "/" + environment + "/" + resource;
  }

  /** Returns null when the text is not a target key. */
  public static TargetKey parse(String key) {
    int first = key.indexOf('/');
    int second = first < 0 ? -1 : key.indexOf('/', first + 1);
    if (first <= 0 || second <= first + 1 || second == key.length() - 1) {
      return null;
    }
    return new TargetKey(key.substring(0, first), key.substring(first + 1, second), key.substring(second + 1));
  }

  @Override
  public int compareTo(TargetKey o) {
    int c = deployment.compareTo(o.deployment);
    if (c == 0) {
      c = environment.compareTo(o.environment);
    }
    return c != 0 ? c : resource.compareTo(o.resource);
  }
}
