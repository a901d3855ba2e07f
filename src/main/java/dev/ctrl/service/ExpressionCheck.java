package dev.ctrl.service;

import dev.ctrl.config.ConfigError;
import dev.ctrl.config.ExprSite;
import dev.ctrl.config.Location;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Scope;
import dev.ctrl.expr.Selector;
import java.util.ArrayList;
import java.util.List;

/** Compiles every CEL expression of the documents; errors point inside the expression. */
final class ExpressionCheck {
  private ExpressionCheck() {}

  static List<ConfigError> check(List<ExprSite> sites, CelExpressions cel) {
    List<ConfigError> errors = new ArrayList<>();
    for (ExprSite site : sites) {
      try {
        switch (site.kind()) {
          case SELECTOR -> Selector.compile(site.expression(), cel);
          case CONDITION -> cel.compile(site.expression(), Scope.CONDITION);
          case STRING -> cel.compile(site.expression(), Scope.ORDER);
          case TEMPLATE -> cel.compile(site.expression(), Scope.TEMPLATE);
        }
      } catch (ExprException e) {
        errors.add(error(site, e));
      }
    }
    return errors;
  }

  private static ConfigError error(ExprSite site, ExprException e) {
    Location at = site.at();
    String where = "";
    if (e.column() > 0) {
      if (site.exact() && site.kind() != ExprSite.Kind.TEMPLATE) {
        // an error past the end (CEL counts a block's final newline) points at the end of the last line
        String[] exprLines = site.expression().stripTrailing().split("\n", -1);
        int line = Math.max(1, e.line());
        int column = e.column();
        if (line > exprLines.length) {
          line = exprLines.length;
          column = exprLines[line - 1].length() + 1;
        }
        at = new Location(at.file(), at.line() + line - 1, at.column() + column - 1);
      } else {
        where = " (at line " + Math.max(1, e.line()) + ", column " + e.column() + " of \""
            + site.expression().strip().replace("\n", "\\n") + "\")";
      }
    }
    String what = site.kind() == ExprSite.Kind.TEMPLATE ? "placeholder {{ " + site.expression() + " }}" : "expression";
    return new ConfigError(at, site.subject(), site.path(), what + " does not compile: " + e.getMessage() + where);
  }
}
