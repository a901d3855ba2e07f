package dev.ctrl.rollout;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.model.ObjectType;
import dev.ctrl.store.StoreReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `ctrl agent check`: finds the declared agent and asks it to check itself against its system. */
public final class AgentChecks {
  private AgentChecks() {}

  /** The declared agent of this name; an unknown name is a usage error that lists the known ones. */
  public static AgentDecl declared(StoreReader store, String name) {
    return store.object(ObjectType.JOB_AGENT, name).map(World::agent).orElseThrow(() -> {
      List<String> known = store.objects(ObjectType.JOB_AGENT).stream().map(o -> o.id()).sorted().toList();
      return new CtrlException(ExitCode.USAGE, "no job agent named " + name + " is declared"
          + (known.isEmpty() ? " (there are none: declare one with ctrl apply)" : "; known: " + String.join(", ", known)));
    });
  }

  /** baseDir: where exec commands run and relative paths start (the project directory). */
  public static List<AgentCheck> check(Agents agents, AgentDecl decl, Path baseDir, Map<String, String> env) {
    if (decl.kind().equals("exec")) {
      return exec(decl, baseDir, env);
    }
    JobAgent agent = agents.agent(decl);
    if (agent == null) {
      return List.of(AgentCheck.failed("kind", Agents.unavailable(decl.kind())));
    }
    return agent.check();
  }

  /**
   * An exec agent: its program can be found (on PATH or relative to the project directory) and
   * its working directory exists. Templated values are only known per job, so they are reported
   * as such instead of guessed.
   */
  private static List<AgentCheck> exec(AgentDecl decl, Path baseDir, Map<String, String> env) {
    // the job's process runs in workingDir, so a relative program (./deploy.sh) is found there
    String dir = decl.config().get("workingDir") == null ? null : String.valueOf(decl.config().get("workingDir"));
    boolean dirPerJob = dir != null && templated(dir);
    Path runsIn = dir == null || dirPerJob ? baseDir : baseDir.resolve(dir);
    Object command = decl.config().get("command");
    String program = command instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : null;
    List<AgentCheck> out = new ArrayList<>();
    if (program == null) {
      out.add(AgentCheck.failed("command", "no command: give command as a non-empty list"));
    } else if (templated(program) || (dirPerJob && program.contains("/"))) {
      out.add(AgentCheck.ok("command", program + " is templated: it is resolved per job"));
    } else {
      Path found = locate(program, runsIn, env.get("PATH"));
      out.add(found != null ? AgentCheck.ok("command", program + " is " + found)
          : AgentCheck.failed("command", program + " was not found " + (program.contains("/")
              ? "relative to " + runsIn : "on PATH") + " or is not executable: install it or fix command[0]"));
    }
    if (dir != null && !dirPerJob) {
      out.add(Files.isDirectory(runsIn) ? AgentCheck.ok("workingDir", runsIn + " exists")
          : AgentCheck.failed("workingDir", runsIn + " is not a directory: create it or fix workingDir"));
    }
    return out;
  }

  private static boolean templated(String value) {
    return value.contains("{{") || value.contains("${");
  }

  private static Path locate(String program, Path baseDir, String path) {
    if (program.contains("/")) {
      Path p = baseDir.resolve(program);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
    }
    for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
