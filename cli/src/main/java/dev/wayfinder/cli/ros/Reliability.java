package dev.wayfinder.cli.ros;

import dev.wayfinder.ros.QosProfile;

/** The reliability a command's {@code --qos} flag chooses. */
public enum Reliability {
  RELIABLE,
  BEST_EFFORT;

  /** {@code profile} with this reliability. */
  QosProfile apply(QosProfile profile) {
    return this == RELIABLE ? profile.withReliable() : profile.withBestEffort();
  }
}
