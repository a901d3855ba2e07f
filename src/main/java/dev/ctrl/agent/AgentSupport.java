package dev.ctrl.agent;

import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.http.Sleep;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What every remote agent needs from its surroundings: templates, secrets, the clock and a way
 * to wait (both injected, so tests of rate limits and polling run instantly), and the project
 * directory (the one holding `.ctrl/`), where relative paths in a configuration start.
 */
public record AgentSupport(TemplateRenderer templates, SecretResolver secrets, Clock clock, Sleep sleep, Path baseDir) {
  /** Without a project directory: relative paths start in the working directory. */
  public AgentSupport(TemplateRenderer templates, SecretResolver secrets, Clock clock, Sleep sleep) {
    this(templates, secrets, clock, sleep, Path.of("").toAbsolutePath());
  }

  /**
   * A configured text with its `${env:}`/`${file:}` references resolved now and the text between
   * them rendered over the job's variables. Errors name the field and the reference, never a value.
   */
  public String render(String text, Map<String, Object> variables, String field) throws AgentException {
    try {
      return secrets.resolve(text, part -> variables.isEmpty() ? part : templates.render(part, variables));
    } catch (ExprException e) {
      throw new AgentException(field + ": " + e.getMessage(), false);
    } catch (SecretResolver.MissingSecret e) {
      throw new AgentException(field + ": " + e.getMessage(), false);
    }
  }

  /** A secret field (token, password): a reference resolved now; null stays null. */
  public String secret(String reference, String field) throws AgentException {
    return reference == null ? null : render(reference, Map.of(), field);
  }
}
