package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.TopicInfo;
import dev.wayfinder.ros.TopicNames;
import dev.wayfinder.ros.tools.MessageTypes;
import java.time.Duration;
import java.util.Optional;

/** Checks of what the user typed, and the waits the topic commands share. */
final class Topics {
  private Topics() {}

  /** Fails with the expected form unless {@code topic} is a valid ROS topic name. */
  static String checkTopic(String topic) {
    try {
      TopicNames.toDds(topic);
      return topic.startsWith("/") ? topic : "/" + topic;
    } catch (IllegalArgumentException e) {
      throw new UserException("TOPIC: " + e.getMessage());
    }
  }

  /** The built-in type named {@code name}, or a failure that lists the built-in types. */
  static MessageTypes.Entry<?> type(String name) {
    return MessageTypes.byName(name).orElseThrow(() -> new UserException("unknown message type '" + name
        + "'; expected pkg/msg/Name, one of the built-in types: " + String.join(", ", MessageTypes.names())));
  }

  /** The topic as remote participants announce it, if any has a publisher on it. */
  static Optional<TopicInfo> published(Node node, String topic) {
    return node.topics().stream().filter(t -> t.name().equals(topic) && t.publishers() > 0).findFirst();
  }

  /** Waits up to {@code max} for a publisher on {@code topic}. */
  static Optional<TopicInfo> awaitPublisher(RosSession s, String topic, Duration max) throws InterruptedException {
    s.await(() -> published(s.node(), topic).isPresent(), max);
    return published(s.node(), topic);
  }

  /** The failure when nothing publishes on {@code topic}: where we looked and what to try. */
  static UserException noPublisher(RosSession s, String topic, Duration waited, String typeHint) {
    return new UserException("no publisher on " + topic + " within " + RosOptions.seconds(waited) + " s ("
        + s.where() + "); check the topic name ('wayfinder ros topic list'), --domain"
        + (s.localhostOnly() ? ", --subnet to discover other machines" : "") + ", or raise --timeout" + typeHint);
  }
}
