package dev.ctrl.expr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves `${env:NAME}` and `${file:PATH}` references at the moment of use. Errors name the
 * reference, never a value; resolved values are never stored or logged by the callers.
 */
public final class SecretResolver {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)\\}");

  private final Map<String, String> env;
  private final Path baseDir;

  /** baseDir: where relative `${file:}` paths start (the state file's directory). */
  public SecretResolver(Map<String, String> env, Path baseDir) {
    this.env = env;
    this.baseDir = baseDir;
  }

  /** Thrown when a reference cannot be resolved; its message names the reference only. */
  public static final class MissingSecret extends Exception {
    public MissingSecret(String message) {
      super(message);
    }
  }

  public String resolve(String text) throws MissingSecret {
    try {
      return resolve(text, part -> part);
    } catch (ExprException e) {
      throw new IllegalStateException(e); // the identity never throws
    }
  }

  /** Renders the text between secret references (templates); a rendered part is never resolved again. */
  @FunctionalInterface
  public interface Between {
    String render(String part) throws ExprException;
  }

  /**
   * Resolves the references written in the configuration and renders only the text between them
   * with `between`. The order matters: rendering first would let a template's value (a resource's
   * metadata, a version's config, written by anyone who can apply or create a version) smuggle in
   * a `${env:...}` reference and read a secret of the ctrl process into a job.
   */
  public String resolve(String text, Between between) throws MissingSecret, ExprException {
    if (text == null) {
      return null;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(between.render(text.substring(last, m.start())));
      out.append(value(m.group(1), m.group(2).trim(), m.group()));
      last = m.end();
    }
    return out.append(between.render(text.substring(last))).toString();
  }

  /**
   * Every value this resolver has handed out, for redaction: a secret may be resolved into any
   * field (a GitHub input, an Argo CD template, a Terraform variable), and a vendor's error may echo
   * that field back. A live, thread-safe view.
   */
  public java.util.Set<String> resolvedValues() {
    return java.util.Collections.unmodifiableSet(resolved);
  }

  private final java.util.Set<String> resolved = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Resolves, only to remember their values for redaction, the references in every string of a
   * configuration tree (maps, lists, strings); one that cannot be resolved is skipped, since the
   * call that needs it reports it. A process that polls a job an earlier process dispatched has
   * not resolved that job's secrets itself, yet the vendor may echo them.
   */
  public void learn(Object config) {
    if (config instanceof String text) {
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        try {
          value(m.group(1), m.group(2).trim(), m.group());
        } catch (MissingSecret e) {
          // reported where the value is needed
        }
      }
    } else if (config instanceof Map<?, ?> map) {
      map.values().forEach(this::learn);
    } else if (config instanceof java.util.Collection<?> items) {
      items.forEach(this::learn);
    }
  }

  private String value(String kind, String name, String reference) throws MissingSecret {
    if (kind.equals("env")) {
      String v = env.get(name);
      if (v == null) {
        throw new MissingSecret(reference + ": the environment variable " + name + " is not set");
      }
      resolved.add(v);
      return v;
    }
    Path file = baseDir.resolve(name);
    try {
      String v = Files.readString(file, StandardCharsets.UTF_8).strip();
      resolved.add(v);
      return v;
    } catch (IOException e) {
      throw new MissingSecret(reference + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
