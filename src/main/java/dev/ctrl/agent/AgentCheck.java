package dev.ctrl.agent;

/**
 * One finding of `ctrl agent check`: what was checked, whether it holds, and in words what was
 * found or what to fix ("token: Bad credentials (HTTP 401): set GITHUB_TOKEN to a token with
 * actions:write on acme/api").
 */
public record AgentCheck(String name, boolean ok, String detail) {
  public static AgentCheck ok(String name, String detail) {
    return new AgentCheck(name, true, detail);
  }

  public static AgentCheck failed(String name, String detail) {
    return new AgentCheck(name, false, detail);
  }
}
