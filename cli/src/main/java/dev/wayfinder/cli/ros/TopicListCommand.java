package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.ros.TopicInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros topic list}: the topics other participants publish or subscribe to. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the topics of other ROS 2 nodes, like 'ros2 topic list'.",
        "Listens for --timeout seconds, then prints what it discovered."})
public final class TopicListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RosOptions ros;
  @Mixin JsonOption json;

  @Option(names = {"-t", "--show-types"},
      description = "Show each topic's message type: /chatter [std_msgs/msg/String].")
  boolean showTypes;

  @Option(names = {"-v", "--verbose"},
      description = "Show published and subscribed topics with their types and counts.")
  boolean verbose;

  @Option(names = {"-c", "--count-topics"}, description = "Print only the number of topics.")
  boolean countTopics;

  private static String plural(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<TopicInfo> topics;
    String where;
    boolean localOnly;
    try (RosSession s = RosSession.open(ros)) {
      s.sleep(ros.timeout());
      topics = s.node().topics();
      where = s.where();
      localOnly = s.localhostOnly();
    }
    if (json.enabled()) {
      Json.print(out, topics);
      return Main.OK;
    }
    if (countTopics) {
      out.println(topics.size());
    } else if (verbose) {
      out.println("Published topics:");
      topics.stream().filter(t -> t.publishers() > 0).forEach(t -> out.println(
          " * " + t.name() + " [" + t.type() + "] " + plural(t.publishers(), "publisher")));
      out.println();
      out.println("Subscribed topics:");
      topics.stream().filter(t -> t.subscriptions() > 0).forEach(t -> out.println(
          " * " + t.name() + " [" + t.type() + "] " + plural(t.subscriptions(), "subscriber")));
      out.println();
    } else {
      for (TopicInfo t : topics) {
        out.println(showTypes ? t.name() + " [" + t.type() + "]" : t.name());
      }
    }
    out.flush();
    if (topics.isEmpty()) {
      err.println("wayfinder: no topics seen in " + RosOptions.seconds(ros.timeout()) + " s (" + where + ")"
          + (localOnly ? "; pass --subnet to discover other machines" : "") + ".");
      err.flush();
    }
    return Main.OK;
  }
}
