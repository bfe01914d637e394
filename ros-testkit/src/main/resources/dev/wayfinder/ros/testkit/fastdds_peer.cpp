// A small Fast DDS peer for the ros-bridge interop tests (built with fastddsgen + g++ against Debian's
// libfastrtps-dev). Modes, like the Cyclone peer's:
//   echo-twist  RELIABILITY SECONDS   take Twist from rt/to_c, write it to rt/from_c
//   echo-image  RELIABILITY SECONDS   take Image from rt/img_to_c, write it to rt/img_from_c
//   sub-latched COUNT SECONDS         transient-local reader on rt/latched; print each Twist, exit after COUNT
//   pub-latched COUNT SECONDS         transient-local writer on rt/latched_c; write COUNT Twists at once, linger
//   sub-robot   - SECONDS             what a robot base listens to: TwistStamped on rt/cmd_vel (reliable), printed
//                                     "cmd_vel SEC.NANOSEC FRAME LINEAR ANGULAR", and TFMessage on rt/tf_static
//                                     (reliable, transient local, depth 1, as tf2's static listener), each transform
//                                     printed "tf_static PARENT CHILD X Y Z QX QY QZ QW"
// Prints "ready", "writer-matched N" when its writer's match count changes, and one line per sample.
// Discovery: UDPv4 on 127.0.0.1 only, initial peers at 127.0.0.1 ports 7410+2i (i = 0..9), lease 2 s.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include <fastdds/dds/domain/DomainParticipant.hpp>
#include <fastdds/dds/domain/DomainParticipantFactory.hpp>
#include <fastdds/dds/publisher/DataWriter.hpp>
#include <fastdds/dds/publisher/Publisher.hpp>
#include <fastdds/dds/subscriber/DataReader.hpp>
#include <fastdds/dds/subscriber/SampleInfo.hpp>
#include <fastdds/dds/subscriber/Subscriber.hpp>
#include <fastdds/dds/topic/TypeSupport.hpp>
#include <fastdds/rtps/transport/UDPv4TransportDescriptor.h>
#include <fastrtps/utils/IPLocator.h>

#include "FastDdsPeerPubSubTypes.h"

using namespace eprosima::fastdds::dds;
using eprosima::fastrtps::rtps::IPLocator;
using eprosima::fastrtps::rtps::Locator_t;

static unsigned checksum(const std::vector<uint8_t>& b) {
  unsigned h = 2166136261u;
  for (uint8_t x : b) { h = (h ^ x) * 16777619u; }
  return h;
}

static DomainParticipant* participant() {
  DomainParticipantQos pq;
  pq.name("fastdds_peer");
  pq.transport().use_builtin_transports = false;
  auto udp = std::make_shared<eprosima::fastdds::rtps::UDPv4TransportDescriptor>();
  udp->interfaceWhiteList.push_back("127.0.0.1");
  udp->receiveBufferSize = 4 << 20;
  udp->sendBufferSize = 4 << 20;
  pq.transport().user_transports.push_back(udp);
  for (int i = 0; i < 10; i++) {
    Locator_t loc;
    IPLocator::setIPv4(loc, 127, 0, 0, 1);
    loc.port = 7410 + 2 * i;
    pq.wire_protocol().builtin.initialPeersList.push_back(loc);
  }
  pq.wire_protocol().builtin.discovery_config.leaseDuration = eprosima::fastrtps::Duration_t(2, 0);
  pq.wire_protocol().builtin.discovery_config.leaseDuration_announcementperiod =
      eprosima::fastrtps::Duration_t(0, 500000000);
  return DomainParticipantFactory::get_instance()->create_participant(0, pq);
}

static void closeParticipant(DomainParticipant* pp) {
  pp->delete_contained_entities();
  DomainParticipantFactory::get_instance()->delete_participant(pp);
}

template <typename T, typename PubSub>
static int echo(const char* in, const char* out, bool reliable, int depth, long seconds,
                void (*print)(const T&)) {
  DomainParticipant* pp = participant();
  if (pp == nullptr) { std::fprintf(stderr, "create_participant failed\n"); return 2; }
  TypeSupport type(new PubSub());
  type.register_type(pp);
  Topic* tin = pp->create_topic(in, type.get_type_name(), TOPIC_QOS_DEFAULT);
  Topic* tout = pp->create_topic(out, type.get_type_name(), TOPIC_QOS_DEFAULT);
  DataReaderQos rq = DATAREADER_QOS_DEFAULT;
  rq.reliability().kind = reliable ? RELIABLE_RELIABILITY_QOS : BEST_EFFORT_RELIABILITY_QOS;
  rq.history().kind = KEEP_LAST_HISTORY_QOS;
  rq.history().depth = depth;
  DataWriterQos wq = DATAWRITER_QOS_DEFAULT;
  wq.reliability().kind = reliable ? RELIABLE_RELIABILITY_QOS : BEST_EFFORT_RELIABILITY_QOS;
  wq.history().kind = KEEP_LAST_HISTORY_QOS;
  wq.history().depth = depth;
  wq.publish_mode().kind = ASYNCHRONOUS_PUBLISH_MODE;
  DataReader* rd = pp->create_subscriber(SUBSCRIBER_QOS_DEFAULT)->create_datareader(tin, rq);
  DataWriter* wr = pp->create_publisher(PUBLISHER_QOS_DEFAULT)->create_datawriter(tout, wq);
  if (rd == nullptr || wr == nullptr) { std::fprintf(stderr, "endpoint creation failed\n"); return 2; }
  std::printf("ready\n");
  std::fflush(stdout);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  T sample;
  SampleInfo info;
  int32_t matched = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    PublicationMatchedStatus pm;
    if (wr->get_publication_matched_status(pm) == ReturnCode_t::RETCODE_OK && pm.current_count != matched) {
      matched = pm.current_count;
      std::printf("writer-matched %d\n", matched);
      std::fflush(stdout);
    }
    if (!rd->wait_for_unread_message(eprosima::fastrtps::Duration_t(0, 20000000))) { continue; }
    while (rd->take_next_sample(&sample, &info) == ReturnCode_t::RETCODE_OK) {
      if (info.valid_data) {
        print(sample);
        std::fflush(stdout);
        wr->write(&sample);
      }
    }
  }
  closeParticipant(pp);
  return 0;
}

static void printTwist(const geometry_msgs::msg::dds_::Twist_& t) {
  std::printf("twist %.3f %.3f %.3f %.3f %.3f %.3f\n", t.linear().x(), t.linear().y(), t.linear().z(),
              t.angular().x(), t.angular().y(), t.angular().z());
}

static void printImage(const sensor_msgs::msg::dds_::Image_& i) {
  std::printf("image %u %u %s %zu %08x\n", i.width(), i.height(), i.encoding().c_str(), i.data().size(),
              checksum(i.data()));
}

// Transient-local endpoints keeping the whole history depth for late joiners, as rmw_fastrtps does.
static int latched(bool writer, long count, long seconds) {
  DomainParticipant* pp = participant();
  if (pp == nullptr) { std::fprintf(stderr, "create_participant failed\n"); return 2; }
  TypeSupport type(new geometry_msgs::msg::dds_::Twist_PubSubType());
  type.register_type(pp);
  Topic* topic = pp->create_topic(writer ? "rt/latched_c" : "rt/latched", type.get_type_name(), TOPIC_QOS_DEFAULT);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  if (writer) {
    DataWriterQos wq = DATAWRITER_QOS_DEFAULT;
    wq.reliability().kind = RELIABLE_RELIABILITY_QOS;
    wq.durability().kind = TRANSIENT_LOCAL_DURABILITY_QOS;
    wq.history().kind = KEEP_LAST_HISTORY_QOS;
    wq.history().depth = 10;
    DataWriter* wr = pp->create_publisher(PUBLISHER_QOS_DEFAULT)->create_datawriter(topic, wq);
    if (wr == nullptr) { std::fprintf(stderr, "writer creation failed\n"); return 2; }
    for (long i = 1; i <= count; i++) {
      geometry_msgs::msg::dds_::Twist_ t;
      t.linear().x(static_cast<double>(i));
      t.linear().y(0.5);
      t.linear().z(-1);
      t.angular().z(i * 0.25);
      wr->write(&t);
    }
    std::printf("ready\n");
    std::fflush(stdout);
    while (std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  } else {
    DataReaderQos rq = DATAREADER_QOS_DEFAULT;
    rq.reliability().kind = RELIABLE_RELIABILITY_QOS;
    rq.durability().kind = TRANSIENT_LOCAL_DURABILITY_QOS;
    rq.history().kind = KEEP_LAST_HISTORY_QOS;
    rq.history().depth = 10;
    DataReader* rd = pp->create_subscriber(SUBSCRIBER_QOS_DEFAULT)->create_datareader(topic, rq);
    if (rd == nullptr) { std::fprintf(stderr, "reader creation failed\n"); return 2; }
    std::printf("ready\n");
    std::fflush(stdout);
    long seen = 0;
    geometry_msgs::msg::dds_::Twist_ sample;
    SampleInfo info;
    while (seen < count && std::chrono::steady_clock::now() < deadline) {
      if (!rd->wait_for_unread_message(eprosima::fastrtps::Duration_t(0, 20000000))) { continue; }
      while (rd->take_next_sample(&sample, &info) == ReturnCode_t::RETCODE_OK) {
        if (info.valid_data) {
          printTwist(sample);
          std::fflush(stdout);
          seen++;
        }
      }
    }
  }
  closeParticipant(pp);
  return 0;
}

static int subRobot(long seconds) {
  DomainParticipant* pp = participant();
  if (pp == nullptr) { std::fprintf(stderr, "create_participant failed\n"); return 2; }
  TypeSupport cmdType(new geometry_msgs::msg::dds_::TwistStamped_PubSubType());
  TypeSupport tfType(new tf2_msgs::msg::dds_::TFMessage_PubSubType());
  cmdType.register_type(pp);
  tfType.register_type(pp);
  Topic* cmdTopic = pp->create_topic("rt/cmd_vel", cmdType.get_type_name(), TOPIC_QOS_DEFAULT);
  Topic* tfTopic = pp->create_topic("rt/tf_static", tfType.get_type_name(), TOPIC_QOS_DEFAULT);
  Subscriber* sub = pp->create_subscriber(SUBSCRIBER_QOS_DEFAULT);
  DataReaderQos cq = DATAREADER_QOS_DEFAULT;
  cq.reliability().kind = RELIABLE_RELIABILITY_QOS;
  cq.history().kind = KEEP_LAST_HISTORY_QOS;
  cq.history().depth = 10;
  DataReaderQos tq = DATAREADER_QOS_DEFAULT;
  tq.reliability().kind = RELIABLE_RELIABILITY_QOS;
  tq.durability().kind = TRANSIENT_LOCAL_DURABILITY_QOS;
  tq.history().kind = KEEP_LAST_HISTORY_QOS;
  tq.history().depth = 1;
  DataReader* cmd = sub->create_datareader(cmdTopic, cq);
  DataReader* tf = sub->create_datareader(tfTopic, tq);
  if (cmd == nullptr || tf == nullptr) { std::fprintf(stderr, "reader creation failed\n"); return 2; }
  std::printf("ready\n");
  std::fflush(stdout);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  geometry_msgs::msg::dds_::TwistStamped_ c;
  tf2_msgs::msg::dds_::TFMessage_ t;
  SampleInfo info;
  while (std::chrono::steady_clock::now() < deadline) {
    bool any = false;
    while (cmd->take_next_sample(&c, &info) == ReturnCode_t::RETCODE_OK) {
      any = true;
      if (info.valid_data) {
        std::printf("cmd_vel %d.%09u %s %.4f %.4f\n", c.header().stamp().sec(), c.header().stamp().nanosec(),
                    c.header().frame_id().c_str(), c.twist().linear().x(), c.twist().angular().z());
      }
    }
    while (tf->take_next_sample(&t, &info) == ReturnCode_t::RETCODE_OK) {
      any = true;
      if (info.valid_data) {
        for (const auto& ts : t.transforms()) {
          const auto& tr = ts.transform();
          std::printf("tf_static %s %s %.4f %.4f %.4f %.4f %.4f %.4f %.4f\n", ts.header().frame_id().c_str(),
                      ts.child_frame_id().c_str(), tr.translation().x(), tr.translation().y(), tr.translation().z(),
                      tr.rotation().x(), tr.rotation().y(), tr.rotation().z(), tr.rotation().w());
        }
      }
    }
    if (any) {
      std::fflush(stdout);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  closeParticipant(pp);
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 4) { std::fprintf(stderr, "usage: fastdds_peer MODE RELIABILITY|COUNT SECONDS\n"); return 2; }
  bool reliable = std::strcmp(argv[2], "best-effort") != 0;
  long seconds = std::atol(argv[3]);
  if (std::strcmp(argv[1], "echo-twist") == 0) {
    return echo<geometry_msgs::msg::dds_::Twist_, geometry_msgs::msg::dds_::Twist_PubSubType>(
        "rt/to_c", "rt/from_c", reliable, 10, seconds, printTwist);
  }
  if (std::strcmp(argv[1], "echo-image") == 0) {
    return echo<sensor_msgs::msg::dds_::Image_, sensor_msgs::msg::dds_::Image_PubSubType>(
        "rt/img_to_c", "rt/img_from_c", reliable, 5, seconds, printImage);
  }
  if (std::strcmp(argv[1], "sub-robot") == 0) {
    return subRobot(seconds);
  }
  if (std::strcmp(argv[1], "sub-latched") == 0 || std::strcmp(argv[1], "pub-latched") == 0) {
    return latched(argv[1][0] == 'p', std::atol(argv[2]), seconds);
  }
  std::fprintf(stderr, "unknown mode %s\n", argv[1]);
  return 2;
}
