package dev.ctrl.verify.exec;

import dev.ctrl.json.JsonText;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command as a health check: `result.exitCode`, `result.stdout`, `result.json` (stdout parsed,
 * when it is JSON) and `result.value` (stdout as a number, when it is one). A command that cannot
 * start or runs past its timeout is an error, not a failure.
 */
public final class ExecProvider implements MetricProvider {
  private final List<String> command;
  private final Map<String, String> env;
  private final Path workingDir;
  private final Duration timeout;

  public ExecProvider(List<String> command, Map<String, String> env, Path workingDir, Duration timeout) {
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.workingDir = workingDir;
    this.timeout = timeout;
  }

  @Override
  public Result measure() throws ProviderException {
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(false)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      p = pb.start();
    } catch (IOException e) {
      throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new ProviderException(command.get(0) + " did not finish within " + dev.ctrl.model.Durations.format(timeout));
      }
      String stdout = out.get(5, TimeUnit.SECONDS);
      Map<String, Object> result = new HashMap<>();
      result.put("exitCode", (long) p.exitValue());
      result.put("stdout", stdout);
      String trimmed = stdout.trim();
      try {
        result.put("value", Double.parseDouble(trimmed));
      } catch (NumberFormatException e) {
        result.put("value", Double.NaN);
      }
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
          result.put("json", JsonText.parse(trimmed));
        } catch (RuntimeException e) {
          // not JSON after all: result.json stays absent
        }
      }
      return Result.of(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new ProviderException("interrupted while running " + command.get(0), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new ProviderException("cannot read the output of " + command.get(0), e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
