package dev.ctrl.rollout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep merge of agent configuration (DOMAIN.md section 7): agent < deployment agentConfig <
 * version agentConfig. Maps merge key by key; anything else (lists included) is replaced whole,
 * so a version can swap a command without appending to it.
 */
public final class ConfigMerge {
  private ConfigMerge() {}

  @SafeVarargs
  public static Map<String, Object> merge(Map<String, Object>... layers) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map<String, Object> layer : layers) {
      if (layer != null) {
        mergeInto(out, layer);
      }
    }
    return out;
  }

  /**
   * A job's configuration: its agent's, under its deployment's and version's agentConfig (either
   * may be null: no longer declared).
   */
  public static Map<String, Object> forJob(AgentDecl agent, dev.ctrl.model.DeploymentSpec deployment,
      dev.ctrl.model.Version version) {
    return merge(agent.config(), deployment == null ? null : deployment.agentConfig(),
        version == null ? null : version.agentConfig());
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object old = into.get(e.getKey());
      if (old instanceof Map<?, ?> oldMap && e.getValue() instanceof Map<?, ?> newMap) {
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) oldMap);
        mergeInto(merged, (Map<String, Object>) newMap);
        into.put(e.getKey(), merged);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }
}
