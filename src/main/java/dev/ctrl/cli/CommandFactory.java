package dev.ctrl.cli;

import java.util.Map;
import picocli.CommandLine;

/**
 * Builds every command with plain `new` and the shared context: no reflective construction, so
 * the program stays ready for native-image.
 */
public final class CommandFactory implements CommandLine.IFactory {
  private final CliContext ctx;
  /**
   * The top-level commands, in help order. Main registers only the one a command line names
   * (building picocli's model of every command costs ~300 ms on each start), or all of them for
   * help, completion and errors.
   */
  public static final Map<String, String> TOP_LEVEL = topLevel();

  private static Map<String, String> topLevel() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("init", "InitCommand");
    m.put("apply", "ApplyCommand");
    m.put("delete", "DeleteCommand");
    m.put("get", "GetCommand");
    m.put("describe", "DescribeCommand");
    m.put("version", "VersionCommand");
    m.put("approve", "ApproveCommand");
    m.put("reject", "RejectCommand");
    m.put("skip", "SkipCommand");
    m.put("plan", "PlanCommand");
    m.put("rollout", "RolloutCommand");
    m.put("rollback", "RollbackCommand");
    m.put("redeploy", "RedeployCommand");
    m.put("status", "StatusCommand");
    m.put("logs", "LogsCommand");
    m.put("job", "JobCommand");
    m.put("agent", "AgentCommand");
    m.put("verify", "VerifyCommand");
    m.put("history", "HistoryCommand");
    m.put("demo", "DemoCommand");
    m.put("completion", "CompletionCommand");
    m.put("schema", "SchemaCommand");
    m.put("__training", "TrainingCommand");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Subcommands that are classes of their own, by parent, in help order. Main registers only the
   * one a command line names, else all of them. (`get` keeps its children in its annotation: its
   * method subcommands would otherwise be listed before them.)
   */
  public static final Map<String, Map<String, String>> CHILDREN = children();

  private static Map<String, Map<String, String>> children() {
    Map<String, Map<String, String>> m = new java.util.LinkedHashMap<>();
    m.put("version", ordered("create", "VersionCreateCommand", "list", "VersionListCommand",
        "set-status", "VersionSetStatusCommand", "unblock", "VersionUnblockCommand"));
    m.put("job", ordered("update", "JobUpdateCommand", "cancel", "JobCancelCommand"));
    m.put("agent", ordered("check", "AgentCheckCommand"));
    m.put("verify", ordered("test", "VerifyTestCommand"));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, String> ordered(String... namesAndClasses) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      m.put(namesAndClasses[i], namesAndClasses[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The top-level command `name` as a command line with its children: only `child` when it names
   * one of them (start-up pays for one model), else all.
   */
  public CommandLine topLevelLine(String name, String child) throws Exception {
    CommandLine top = new CommandLine(topLevelCommand(TOP_LEVEL.get(name)), this);
    Map<String, String> children = CHILDREN.getOrDefault(name, Map.of());
    boolean one = child != null && children.containsKey(child);
    for (Map.Entry<String, String> c : children.entrySet()) {
      if (!one || c.getKey().equals(child)) {
        top.addSubcommand(c.getKey(), new CommandLine(topLevelCommand(c.getValue()), this));
      }
    }
    return top;
  }

  /** Builds the top-level command with this simple class name. */
  public Object topLevelCommand(String simpleName) throws Exception {
    return create(Class.forName(getClass().getPackageName() + "." + simpleName));
  }

  public CommandFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  /**
   * A switch on the class name, not a map of constructor references: a method reference links its
   * class when created, and loading every command class costs start-up time on every call.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <K> K create(Class<K> cls) throws Exception {
    Object made = switch (cls.getName().substring(cls.getName().lastIndexOf('.') + 1)) {
      case "CtrlCommand" -> new CtrlCommand(ctx);
      case "InitCommand" -> new InitCommand(ctx);
      case "ApplyCommand" -> new ApplyCommand(ctx);
      case "DeleteCommand" -> new DeleteCommand(ctx);
      case "GetCommand" -> new GetCommand(ctx);
      case "GetTargetsCommand" -> new GetTargetsCommand(ctx);
      case "GetVersionsCommand" -> new GetVersionsCommand(ctx);
      case "GetApprovalsCommand" -> new GetApprovalsCommand(ctx);
      case "GetReleasesCommand" -> new GetReleasesCommand(ctx);
      case "GetJobsCommand" -> new GetJobsCommand(ctx);
      case "DescribeCommand" -> new DescribeCommand(ctx);
      case "VersionCommand" -> new VersionCommand(ctx);
      case "VersionCreateCommand" -> new VersionCreateCommand(ctx);
      case "VersionListCommand" -> new VersionListCommand(ctx);
      case "VersionSetStatusCommand" -> new VersionSetStatusCommand(ctx);
      case "ApproveCommand" -> new ApproveCommand(ctx);
      case "RejectCommand" -> new RejectCommand(ctx);
      case "SkipCommand" -> new SkipCommand(ctx);
      case "PlanCommand" -> new PlanCommand(ctx);
      case "HistoryCommand" -> new HistoryCommand(ctx);
      case "RolloutCommand" -> new RolloutCommand(ctx);
      case "RollbackCommand" -> new RollbackCommand(ctx);
      case "RedeployCommand" -> new RedeployCommand(ctx);
      case "VersionUnblockCommand" -> new VersionUnblockCommand(ctx);
      case "DemoCommand" -> new DemoCommand(ctx);
      case "StatusCommand" -> new StatusCommand(ctx);
      case "LogsCommand" -> new LogsCommand(ctx);
      case "JobCommand" -> new JobCommand(ctx);
      case "JobUpdateCommand" -> new JobUpdateCommand(ctx);
      case "JobCancelCommand" -> new JobCancelCommand(ctx);
      case "AgentCommand" -> new AgentCommand(ctx);
      case "AgentCheckCommand" -> new AgentCheckCommand(ctx);
      case "VerifyCommand" -> new VerifyCommand(ctx);
      case "VerifyTestCommand" -> new VerifyTestCommand(ctx);
      case "CompletionCommand" -> new CompletionCommand(ctx);
      case "SchemaCommand" -> new SchemaCommand(ctx);
      case "TrainingCommand" -> new TrainingCommand(ctx);
      case "CtrlCommand$Version" -> new CtrlCommand.Version();
      case "GlobalOptions" -> ctx.global;
      case "TargetScope" -> new TargetScope();
      default -> null;
    };
    if (made != null && made.getClass().getPackageName().equals(getClass().getPackageName())) {
      return (K) made;
    }
    return CommandLine.defaultFactory().create(cls); // picocli's own helper types
  }
}
