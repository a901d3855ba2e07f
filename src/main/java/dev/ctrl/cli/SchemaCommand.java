package dev.ctrl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(mixinStandardHelpOptions = true, name = "schema", description = "Print the JSON Schema of ctrl's YAML documents (for editors).",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl schema > ctrl.schema.json",
        "  # then, first line of a YAML file for yaml-language-server:",
        "  # yaml-language-server: $schema=./ctrl.schema.json"})
final class SchemaCommand implements Callable<Integer> {
  private final CliContext ctx;

  SchemaCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.out().print(text());
    ctx.out().flush();
    return 0;
  }

  static String text() {
    try (InputStream in = SchemaCommand.class.getResourceAsStream("/ctrl.schema.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
