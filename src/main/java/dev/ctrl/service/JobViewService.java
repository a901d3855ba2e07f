package dev.ctrl.service;

import dev.ctrl.model.agents.AgentConfig;
import dev.ctrl.CtrlException;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.JobStatus;
import dev.ctrl.model.ObjectType;
import dev.ctrl.store.JobFilter;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.VerificationRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Jobs as people look at them: with their links and verification, in a few bulk reads. */
public final class JobViewService {
  /** A job, the links its agent reported, and its verification (null when none). */
  public record JobDetail(JobRecord job, Map<String, String> links, VerificationRecord verification,
      VerificationProgress.Progress progress) {}

  private final StoreReader store;

  public JobViewService(StoreReader store) {
    this.store = store;
  }

  public List<JobDetail> list(JobFilter filter) {
    for (String s : filter.statuses()) {
      status(s);
    }
    return details(store.jobs(filter));
  }

  /** One job by id or unambiguous prefix. */
  public JobDetail get(String idOrPrefix) {
    return details(List.of(JobLookup.find(store, idOrPrefix))).get(0);
  }

  public List<JobDetail> details(List<JobRecord> jobs) {
    List<String> ids = jobs.stream().map(JobRecord::id).toList();
    Map<String, Map<String, String>> links = store.jobLinks(ids);
    Map<String, VerificationRecord> verifications = new HashMap<>();
    store.verifications(ids).forEach(v -> verifications.put(v.jobId(), v));
    VerificationProgress progress = verifications.isEmpty() ? null : VerificationProgress.of(store);
    List<JobDetail> out = new ArrayList<>();
    for (JobRecord j : jobs) {
      VerificationRecord v = verifications.get(j.id());
      out.add(new JobDetail(j, links.getOrDefault(j.id(), Map.of()), v, v == null ? null : progress.of(v)));
    }
    return out;
  }

  /** The kind of a declared agent (exec, github, argocd, terraformCloud), if it is still declared. */
  public Optional<String> agentKind(String agent) {
    return store.object(ObjectType.JOB_AGENT, agent).map(o -> JsonText.parseObject(o.specJson())).flatMap(spec ->
        AgentConfig.kindOf(spec));
  }

  /** A status as written on the command line; unknown ones are usage errors listing the valid ones. */
  public static JobStatus status(String wire) {
    return JobStatus.parse(wire).orElseThrow(() -> CtrlException.usage("unknown job status \"" + wire + "\" (use one of "
        + String.join(", ", Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList()) + ")"));
  }
}
