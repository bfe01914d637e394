package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.mcap.McapChannel;
import dev.wayfinder.ros.mcap.McapSummary;
import dev.wayfinder.ros.mcap.Player;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros play FILE.mcap}: publishes a recording's messages at their recorded timing. */
@Command(name = "play", mixinStandardHelpOptions = true,
    description = {"Publish the messages of an MCAP recording on their topics at the recorded timing, like",
        "'ros2 bag play'. Each topic is published with the QoS its recorded publishers offered (reliable,",
        "volatile, keep last 10 when they differed or none was recorded). Runs until the end of the file",
        "(with --loop: until Ctrl-C)."})
public final class PlayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RosOptions ros;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The .mcap file.")
  Path file;

  @Option(names = {"-r", "--rate"}, paramLabel = "R", defaultValue = "1",
      description = "Playback speed: 2 plays twice as fast (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = {"-l", "--loop"}, description = "Play again from the start at the end, until Ctrl-C.")
  boolean loop;

  @Option(names = "--topics", split = ",", paramLabel = "TOPIC",
      description = "Play only these topics (comma separated or repeated).")
  List<String> topics = new ArrayList<>();

  @Option(names = "--delay", paramLabel = "S", defaultValue = "1",
      description = "Seconds between creating the publishers and the first message, so subscribers can "
          + "discover them (default: ${DEFAULT-VALUE}).")
  double delay;

  /** One played topic. */
  record TopicCount(String name, String type, String qos, long published) {}

  /** What play prints. */
  record Result(String file, int passes, List<TopicCount> topics, List<String> skipped) {}

  @Override
  public Integer call() throws InterruptedException {
    if (!(rate > 0) || Double.isInfinite(rate) || rate > 1000) {
      throw new UserException("--rate must be above 0 and at most 1000, got " + rate);
    }
    if (!(delay >= 0) || delay > 3600) {
      throw new UserException("--delay must be 0 to 3600 seconds, got " + delay);
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String t : topics) {
      wanted.add(Topics.checkTopic(t.strip()));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RosSession s = RosSession.open(ros)) {
      Player player;
      try {
        player = new Player(s.node(), file, new Player.Options(rate, loop, wanted));
      } catch (IOException e) {
        throw Bags.readError(file, e);
      }
      try (player) {
        McapSummary summary = player.summary();
        Set<String> inFile = new TreeSet<>();
        summary.channels().values().stream().map(McapChannel::topic).forEach(inFile::add);
        for (String t : wanted) {
          if (!inFile.contains(t)) {
            throw new UserException("--topics: " + file + " holds no topic " + t + "; its topics: "
                + String.join(", ", inFile));
          }
        }
        for (String skip : player.skipped()) {
          err.println("wayfinder: not playing " + skip);
        }
        if (player.tracks().isEmpty()) {
          throw new UserException(file + " holds no topic that can be played" + (player.skipped().isEmpty() ? ""
              : " (" + String.join("; ", player.skipped()) + ")"));
        }
        long messages = player.tracks().values().stream().mapToLong(Player.Track::messages).sum();
        long span = summary.statistics().map(st -> st.messageEndTime() - st.messageStartTime()).orElse(0L);
        if (!json.enabled()) {
          out.println(String.format(Locale.ROOT, "playing %s: %d topic%s, %d messages over %s at rate %s%s",
              file, player.tracks().size(), player.tracks().size() == 1 ? "" : "s", messages, Bags.seconds(span),
              RosOptions.seconds(Duration.ofNanos((long) (rate * 1e9))), loop ? ", looping" : ""));
          out.flush();
        }
        if (!s.sleep(Duration.ofNanos((long) (delay * 1e9)))) {
          return Main.OK;
        }
        int[] passes = {0};
        Map<String, Long> published;
        try {
          published = player.play(s::stopRequested, p -> passes[0] = p);
        } catch (IOException e) {
          throw Bags.readError(file, e);
        }
        if (!s.stopRequested()) {
          s.await(player::allAcknowledged, Duration.ofSeconds(1));
        }
        List<TopicCount> rows = new ArrayList<>();
        for (Player.Track t : player.tracks().values()) {
          rows.add(new TopicCount(t.topic(), t.type(), describe(t), published.getOrDefault(t.topic(), 0L)));
        }
        Result r = new Result(file.toString(), passes[0], rows, player.skipped());
        if (json.enabled()) {
          Json.print(out, r);
        } else {
          int w = Math.max(5, rows.stream().mapToInt(t -> t.name().length()).max().orElse(0));
          out.println(pad("topic", w) + "  published  qos");
          for (TopicCount t : rows) {
            out.println(pad(t.name(), w) + "  " + pad(Long.toString(t.published()), 9) + "  " + t.qos());
          }
          out.flush();
        }
      }
    }
    return Main.OK;
  }

  private static String describe(Player.Track t) {
    return (t.qos().reliable() ? "reliable" : "best_effort") + ", " + (t.qos().transientLocal() ? "transient_local"
        : "volatile") + ", keep_last " + t.qos().depth();
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }
}
