package dev.ctrl.rollout;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.model.ObjectType;
import dev.ctrl.store.StoreReader;
import java.util.List;

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

  public static List<AgentCheck> check(Agents agents, AgentDecl decl) {
    JobAgent agent = agents.agent(decl);
    if (agent == null) {
      return List.of(AgentCheck.failed("kind", Agents.unavailable(decl.kind())));
    }
    return agent.check();
  }
}
