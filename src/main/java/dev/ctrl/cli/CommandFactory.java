package dev.ctrl.cli;

import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Builds every command with plain `new` and the shared context: no reflective construction, so
 * the program stays ready for native-image.
 */
public final class CommandFactory implements CommandLine.IFactory {
  private final CliContext ctx;
  private final Map<Class<?>, Function<CliContext, Object>> constructors = Map.ofEntries(
      Map.entry(CtrlCommand.class, CtrlCommand::new),
      Map.entry(InitCommand.class, InitCommand::new),
      Map.entry(ApplyCommand.class, ApplyCommand::new),
      Map.entry(DeleteCommand.class, DeleteCommand::new),
      Map.entry(GetCommand.class, GetCommand::new),
      Map.entry(GetTargetsCommand.class, GetTargetsCommand::new),
      Map.entry(GetVersionsCommand.class, GetVersionsCommand::new),
      Map.entry(DescribeCommand.class, DescribeCommand::new),
      Map.entry(VersionCommand.class, VersionCommand::new),
      Map.entry(VersionCreateCommand.class, VersionCreateCommand::new),
      Map.entry(VersionListCommand.class, VersionListCommand::new),
      Map.entry(VersionSetStatusCommand.class, VersionSetStatusCommand::new),
      Map.entry(CompletionCommand.class, CompletionCommand::new),
      Map.entry(ApproveCommand.class, ApproveCommand::new),
      Map.entry(RejectCommand.class, RejectCommand::new),
      Map.entry(SkipCommand.class, SkipCommand::new),
      Map.entry(PlanCommand.class, PlanCommand::new),
      Map.entry(GetApprovalsCommand.class, GetApprovalsCommand::new),
      Map.entry(SchemaCommand.class, SchemaCommand::new),
      Map.entry(TrainingCommand.class, TrainingCommand::new),
      Map.entry(CommandLine.HelpCommand.class, c -> new CommandLine.HelpCommand()),
      Map.entry(CtrlCommand.Version.class, c -> new CtrlCommand.Version()),
      Map.entry(GlobalOptions.class, c -> c.global));

  /**
   * The top-level commands, in help order. Main registers only the one a command line names
   * (building picocli's model of every command costs ~300 ms on each start), or all of them for
   * help, completion and errors.
   */
  public static final Map<String, Class<?>> TOP_LEVEL = topLevel();

  private static Map<String, Class<?>> topLevel() {
    Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
    m.put("init", InitCommand.class);
    m.put("apply", ApplyCommand.class);
    m.put("delete", DeleteCommand.class);
    m.put("get", GetCommand.class);
    m.put("describe", DescribeCommand.class);
    m.put("version", VersionCommand.class);
    m.put("approve", ApproveCommand.class);
    m.put("reject", RejectCommand.class);
    m.put("skip", SkipCommand.class);
    m.put("plan", PlanCommand.class);
    m.put("completion", CompletionCommand.class);
    m.put("schema", SchemaCommand.class);
    m.put("__training", TrainingCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return java.util.Collections.unmodifiableMap(m);
  }

  public CommandFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K> K create(Class<K> cls) throws Exception {
    Function<CliContext, Object> constructor = constructors.get(cls);
    if (constructor != null) {
      return (K) constructor.apply(ctx);
    }
    return CommandLine.defaultFactory().create(cls); // picocli's own helper types
  }
}
