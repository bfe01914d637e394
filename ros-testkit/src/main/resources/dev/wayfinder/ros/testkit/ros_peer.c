/*
 * A small Cyclone DDS peer for the ros-bridge interop tests and the ROS 2 benchmark. Modes:
 *   echo-twist  RELIABILITY SECONDS   take Twist from rt/to_c, write it to rt/from_c
 *   echo-image  RELIABILITY SECONDS   take Image from rt/img_to_c, write it to rt/img_from_c
 *   sub-latched COUNT SECONDS         transient-local reader on rt/latched; print each Twist, exit after COUNT
 *   pub-latched COUNT SECONDS         transient-local writer on rt/latched_c; write COUNT Twists at once, linger
 *   graph       COUNT SECONDS         reader on ros_discovery_info; print each node, exit after COUNT lines
 *   echo-all    - SECONDS             for every message type Name below, take from rt/in_Name, write to rt/out_Name
 *   ping-twist  COUNT SECONDS         write Twist to rt/to_c, wait for the echo on rt/from_c, COUNT times after
 *                                     a warm-up; print "rtt-us p50 p90 p99 max"
 *   pub-image   COUNT SECONDS [HZ]    reliable keep-all writer on rt/img_to_c (at most 10 images unacknowledged):
 *                                     once a reader has acknowledged a primer (frame "prime"), write COUNT 640x480
 *                                     rgb8 images (frame "camera", stamped with the wall-clock time of writing) at
 *                                     HZ, or with HZ 0 (the default) as fast as flow control lets dds_write go; wait
 *                                     for their acknowledgement, print "sent N acked 0|1 first-ns T", then linger
 *   sink-image  COUNT SECONDS         reliable keep-all reader on rt/img_to_c: print "image BYTES STAMP-NS
 *                                     RECEIVED-NS" for each image except primers, exit after COUNT
 *   robot       - SECONDS W H [HZ]    a robot for a deploy node: rgb8 W x H Image on rt/camera/image_raw (pixels of a
 *                                     fixed pattern), its CameraInfo on rt/camera/camera_info, a 16UC1 depth image of
 *                                     the same size with every pixel invalid (0) on rt/camera/depth/image_raw (all best
 *                                     effort) and Odometry at the origin on rt/odom, at HZ (30), stamped with the wall
 *                                     clock; TwistStamped from rt/cmd_vel (reliable), printed "cmd RECEIVED-NS LINEAR
 *                                     ANGULAR"; std_msgs/Bool on rt/e_stop (reliable). Lines on standard input steer
 *                                     it: "images off" (prints "images-off LAST-IMAGE-STAMP-NS IMAGES-SO-FAR"), "images on",
 *                                     "estop 1" / "estop 0" (prints "estop V SENT-NS"), "count" (prints
 *                                     "images-count IMAGES-SO-FAR"); at the end it prints
 *                                     "robot images N". The timing loop sleeps to absolute times, so a late frame
 *                                     does not shift the later ones
 * RELIABILITY is "reliable" or "best-effort". Prints "ready" once its entities exist, "writer-matched N" when its
 * writer's match count changes, and one line per sample.
 * Exits by itself after SECONDS.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "RosPeer.h"

static dds_entity_t endpoint(dds_entity_t pp, const dds_topic_descriptor_t *desc, const char *name, int reliable,
                             int latched, int writer, int depth) {
  dds_entity_t topic = dds_create_topic(pp, desc, name, NULL, NULL);
  if (topic < 0) { fprintf(stderr, "create_topic %s: %s\n", name, dds_strretcode(-topic)); exit(2); }
  dds_qos_t *qos = dds_create_qos();
  dds_qset_reliability(qos, reliable ? DDS_RELIABILITY_RELIABLE : DDS_RELIABILITY_BEST_EFFORT, DDS_SECS(1));
  if (depth > 0) {
    dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, depth);
  } else { /* keep all, at most -depth samples: a full reader cache makes the reliable writer resend later */
    dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
    dds_qset_resource_limits(qos, -depth, DDS_LENGTH_UNLIMITED, DDS_LENGTH_UNLIMITED);
    depth = -depth;
  }
  dds_qset_durability(qos, latched ? DDS_DURABILITY_TRANSIENT_LOCAL : DDS_DURABILITY_VOLATILE);
  /* as rmw_cyclonedds does: late joiners get the whole history depth, not the DDS default of one sample */
  dds_qset_durability_service(qos, 0, DDS_HISTORY_KEEP_LAST, depth, DDS_LENGTH_UNLIMITED, DDS_LENGTH_UNLIMITED,
                              DDS_LENGTH_UNLIMITED);
  dds_entity_t e = writer ? dds_create_writer(pp, topic, qos, NULL) : dds_create_reader(pp, topic, qos, NULL);
  dds_delete_qos(qos);
  if (e < 0) { fprintf(stderr, "create endpoint %s: %s\n", name, dds_strretcode(-e)); exit(2); }
  return e;
}

static const struct { const char *name; const dds_topic_descriptor_t *desc; } ALL_TYPES[] = {
  {"Time", &builtin_interfaces_msg_dds__Time__desc}, {"Header", &std_msgs_msg_dds__Header__desc},
  {"Bool", &std_msgs_msg_dds__Bool__desc}, {"String", &std_msgs_msg_dds__String__desc},
  {"Vector3", &geometry_msgs_msg_dds__Vector3__desc}, {"Point", &geometry_msgs_msg_dds__Point__desc},
  {"Quaternion", &geometry_msgs_msg_dds__Quaternion__desc}, {"Twist", &geometry_msgs_msg_dds__Twist__desc},
  {"TwistStamped", &geometry_msgs_msg_dds__TwistStamped__desc}, {"Pose", &geometry_msgs_msg_dds__Pose__desc},
  {"PoseStamped", &geometry_msgs_msg_dds__PoseStamped__desc},
  {"Transform", &geometry_msgs_msg_dds__Transform__desc},
  {"TransformStamped", &geometry_msgs_msg_dds__TransformStamped__desc},
  {"Image", &sensor_msgs_msg_dds__Image__desc}, {"CompressedImage", &sensor_msgs_msg_dds__CompressedImage__desc},
  {"RegionOfInterest", &sensor_msgs_msg_dds__RegionOfInterest__desc},
  {"CameraInfo", &sensor_msgs_msg_dds__CameraInfo__desc}, {"LaserScan", &sensor_msgs_msg_dds__LaserScan__desc},
  {"Imu", &sensor_msgs_msg_dds__Imu__desc}, {"Odometry", &nav_msgs_msg_dds__Odometry__desc},
  {"TFMessage", &tf2_msgs_msg_dds__TFMessage__desc}, {"Clock", &rosgraph_msgs_msg_dds__Clock__desc},
  {"Empty", &std_msgs_msg_dds__Empty__desc}, {"Float32", &std_msgs_msg_dds__Float32__desc},
  {"Float64", &std_msgs_msg_dds__Float64__desc}, {"Duration", &builtin_interfaces_msg_dds__Duration__desc},
  {"ColorRGBA", &std_msgs_msg_dds__ColorRGBA__desc},
  {"PoseWithCovariance", &geometry_msgs_msg_dds__PoseWithCovariance__desc},
  {"PoseWithCovarianceStamped", &geometry_msgs_msg_dds__PoseWithCovarianceStamped__desc},
  {"Path", &nav_msgs_msg_dds__Path__desc}, {"OccupancyGrid", &nav_msgs_msg_dds__OccupancyGrid__desc},
  {"PointField", &sensor_msgs_msg_dds__PointField__desc}, {"PointCloud2", &sensor_msgs_msg_dds__PointCloud2__desc},
  {"Marker", &visualization_msgs_msg_dds__Marker__desc},
  {"MarkerArray", &visualization_msgs_msg_dds__MarkerArray__desc},
};
#define N_TYPES (sizeof ALL_TYPES / sizeof ALL_TYPES[0])

static dds_entity_t endpoint(dds_entity_t pp, const dds_topic_descriptor_t *desc, const char *name, int reliable,
                             int latched, int writer, int depth);

static int echo_all(dds_entity_t pp, dds_time_t deadline) {
  dds_entity_t rd[N_TYPES], wr[N_TYPES];
  dds_entity_t ws = dds_create_waitset(pp);
  char name[64];
  for (size_t i = 0; i < N_TYPES; i++) {
    snprintf(name, sizeof name, "rt/in_%s", ALL_TYPES[i].name);
    rd[i] = endpoint(pp, ALL_TYPES[i].desc, name, 1, 0, 0, 10);
    snprintf(name, sizeof name, "rt/out_%s", ALL_TYPES[i].name);
    wr[i] = endpoint(pp, ALL_TYPES[i].desc, name, 1, 0, 1, 10);
    dds_waitset_attach(ws, dds_create_readcondition(rd[i], DDS_ANY_STATE), (dds_attach_t) i);
  }
  printf("ready\n");
  fflush(stdout);
  while (dds_time() < deadline) {
    dds_waitset_wait(ws, NULL, 0, DDS_MSECS(100));
    for (size_t i = 0; i < N_TYPES; i++) {
      void *samples[1] = {NULL};
      dds_sample_info_t info[1];
      int n;
      while ((n = dds_take(rd[i], samples, info, 1, 1)) > 0) {
        if (info[0].valid_data) {
          dds_write(wr[i], samples[0]);
          printf("echoed %s\n", ALL_TYPES[i].name);
          fflush(stdout);
        }
        dds_return_loan(rd[i], samples, n);
        samples[0] = NULL;
      }
    }
  }
  dds_delete(pp);
  return 0;
}

static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *) a, y = *(const long long *) b;
  return x < y ? -1 : x > y;
}

static int ping(dds_entity_t pp, long count, dds_time_t deadline) {
  dds_entity_t wr = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/to_c", 1, 0, 1, 10);
  dds_entity_t rd = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/from_c", 1, 0, 0, 10);
  dds_entity_t ws = dds_create_waitset(pp);
  dds_entity_t cond = dds_create_readcondition(rd, DDS_ANY_STATE);
  dds_waitset_attach(ws, cond, 0);
  dds_publication_matched_status_t pm;
  dds_subscription_matched_status_t sm;
  do {
    dds_sleepfor(DDS_MSECS(10));
    dds_get_publication_matched_status(wr, &pm);
    dds_get_subscription_matched_status(rd, &sm);
  } while ((pm.current_count < 1 || sm.current_count < 1) && dds_time() < deadline);
  long warm = 200;
  long long *rtt = malloc(sizeof(long long) * (size_t) count);
  long done = 0;
  for (long i = 0; i < warm + count && dds_time() < deadline; i++) {
    geometry_msgs_msg_dds__Twist_ t = {{(double) i, 0, 0}, {0, 0, 0}};
    dds_time_t t0 = dds_time();
    dds_write(wr, &t);
    int got = 0;
    while (!got && dds_time() < deadline) {
      dds_waitset_wait(ws, NULL, 0, DDS_MSECS(100));
      void *samples[1] = {NULL};
      dds_sample_info_t info[1];
      int n = dds_take(rd, samples, info, 1, 1);
      if (n > 0) {
        got = info[0].valid_data && ((geometry_msgs_msg_dds__Twist_ *) samples[0])->linear.x == (double) i;
        dds_return_loan(rd, samples, n);
      }
    }
    if (got && i >= warm) { rtt[done++] = (dds_time() - t0) / 1000; }
  }
  qsort(rtt, (size_t) done, sizeof(long long), cmp_ll);
  if (done == 0) { printf("rtt-us none\n"); return 1; }
  printf("rtt-us %lld %lld %lld %lld n %ld\n", rtt[done / 2], rtt[done * 9 / 10], rtt[done * 99 / 100], rtt[done - 1],
         done);
  fflush(stdout);
  free(rtt);
  return done == count ? 0 : 1;
}

static unsigned checksum(const unsigned char *b, unsigned n) {
  unsigned h = 2166136261u;
  for (unsigned i = 0; i < n; i++) { h = (h ^ b[i]) * 16777619u; }
  return h;
}

#define IMAGE_W 640
#define IMAGE_H 480

static int64_t wall_ns(void) { return (int64_t) dds_time(); }

static int pub_image(dds_entity_t pp, long count, double hz, dds_time_t deadline) {
  dds_entity_t wr = endpoint(pp, &sensor_msgs_msg_dds__Image__desc, "rt/img_to_c", 1, 0, 1, -10);
  unsigned char *px = malloc(IMAGE_W * IMAGE_H * 3);
  unsigned seed = 5;
  for (unsigned i = 0; i < IMAGE_W * IMAGE_H * 3; i++) { seed = seed * 1103515245u + 12345u; px[i] = seed >> 24; }
  sensor_msgs_msg_dds__Image_ img;
  memset(&img, 0, sizeof img);
  img.height = IMAGE_H;
  img.width = IMAGE_W;
  img.encoding = "rgb8";
  img.step = IMAGE_W * 3;
  img.data._buffer = px;
  img.data._length = img.data._maximum = IMAGE_W * IMAGE_H * 3;
  img.data._release = false;
  printf("ready\n");
  fflush(stdout);
  /* matched is not enough on volatile QoS: the reader may not have matched this writer yet and would miss the
     first images, so write primers until one is acknowledged */
  dds_publication_matched_status_t pm;
  do {
    dds_sleepfor(DDS_MSECS(10));
    dds_get_publication_matched_status(wr, &pm);
  } while (pm.current_count < 1 && dds_time() < deadline);
  img.header.frame_id = "prime";
  int primed = 0;
  while (!primed && dds_time() < deadline) {
    dds_write(wr, &img);
    primed = dds_wait_for_acks(wr, DDS_MSECS(200)) == DDS_RETCODE_OK;
  }
  img.header.frame_id = "camera";
  dds_time_t start = dds_time();
  int64_t first = 0;
  long sent = 0;
  for (long i = 0; i < count && dds_time() < deadline; i++) {
    if (hz > 0) {
      dds_time_t at = start + (dds_time_t) (i * 1e9 / hz);
      dds_time_t left = at - dds_time();
      if (left > 0) { dds_sleepfor(left); }
    }
    int64_t now = wall_ns();
    if (i == 0) { first = now; }
    img.header.stamp.sec = (int32_t) (now / 1000000000);
    img.header.stamp.nanosec = (uint32_t) (now % 1000000000);
    dds_return_t rc;
    /* a reliable writer blocks while too much is unacknowledged, for up to the reliability max blocking time */
    while ((rc = dds_write(wr, &img)) == DDS_RETCODE_TIMEOUT && dds_time() < deadline) {
    }
    if (rc != DDS_RETCODE_OK) { fprintf(stderr, "write: %s\n", dds_strretcode(-rc)); break; }
    sent++;
  }
  int acked = dds_wait_for_acks(wr, DDS_SECS(10)) == DDS_RETCODE_OK;
  printf("sent %ld acked %d first-ns %lld\n", sent, acked, (long long) first);
  fflush(stdout);
  while (dds_time() < deadline) { dds_sleepfor(DDS_MSECS(20)); }
  dds_delete(pp);
  free(px);
  return sent == count ? 0 : 1;
}

static int sink_image(dds_entity_t pp, long count, dds_time_t deadline) {
  /* keep all: a reader cache that is full because this process was briefly starved holds the writer back
     instead of dropping images, so images are lost only if reliability itself fails */
  dds_entity_t rd = endpoint(pp, &sensor_msgs_msg_dds__Image__desc, "rt/img_to_c", 1, 0, 0, -30);
  dds_entity_t ws = dds_create_waitset(pp);
  dds_waitset_attach(ws, dds_create_readcondition(rd, DDS_ANY_STATE), 0);
  printf("ready\n");
  fflush(stdout);
  long got = 0;
  while (got < count && dds_time() < deadline) {
    void *samples[8] = {NULL};
    dds_sample_info_t info[8];
    int n = dds_take(rd, samples, info, 8, 8);
    if (n <= 0) { dds_waitset_wait(ws, NULL, 0, DDS_MSECS(20)); continue; }
    int64_t now = wall_ns();
    for (int k = 0; k < n; k++) {
      sensor_msgs_msg_dds__Image_ *img = samples[k];
      if (info[k].valid_data && strcmp(img->header.frame_id, "prime") != 0) {
        got++;
        printf("image %u %lld %lld\n", img->data._length,
               (long long) img->header.stamp.sec * 1000000000 + img->header.stamp.nanosec, (long long) now);
      }
    }
    fflush(stdout);
    dds_return_loan(rd, samples, n);
  }
  dds_delete(pp);
  return 0;
}

static atomic_int robot_images_on = 1;
static atomic_int robot_estop = -1; /* -1: nothing to send; 0 or 1: send this value */
static atomic_int robot_count = 0;

static void *robot_stdin(void *arg) {
  (void) arg;
  char line[128];
  while (fgets(line, sizeof line, stdin) != NULL) {
    if (strncmp(line, "images off", 10) == 0) { atomic_store(&robot_images_on, 0); }
    else if (strncmp(line, "images on", 9) == 0) { atomic_store(&robot_images_on, 1); }
    else if (strncmp(line, "estop 1", 7) == 0) { atomic_store(&robot_estop, 1); }
    else if (strncmp(line, "estop 0", 7) == 0) { atomic_store(&robot_estop, 0); }
    else if (strncmp(line, "count", 5) == 0) { atomic_store(&robot_count, 1); }
  }
  return NULL;
}

static void stamp_now(builtin_interfaces_msg_dds__Time_ *t, int64_t ns) {
  t->sec = (int32_t) (ns / 1000000000);
  t->nanosec = (uint32_t) (ns % 1000000000);
}

static int robot(dds_entity_t pp, unsigned w, unsigned h, double hz, dds_time_t deadline) {
  dds_entity_t img_wr = endpoint(pp, &sensor_msgs_msg_dds__Image__desc, "rt/camera/image_raw", 0, 0, 1, 5);
  dds_entity_t info_wr = endpoint(pp, &sensor_msgs_msg_dds__CameraInfo__desc, "rt/camera/camera_info", 0, 0, 1, 5);
  dds_entity_t depth_wr = endpoint(pp, &sensor_msgs_msg_dds__Image__desc, "rt/camera/depth/image_raw", 0, 0, 1, 5);
  dds_entity_t odom_wr = endpoint(pp, &nav_msgs_msg_dds__Odometry__desc, "rt/odom", 0, 0, 1, 5);
  dds_entity_t estop_wr = endpoint(pp, &std_msgs_msg_dds__Bool__desc, "rt/e_stop", 1, 0, 1, 10);
  dds_entity_t cmd_rd = endpoint(pp, &geometry_msgs_msg_dds__TwistStamped__desc, "rt/cmd_vel", 1, 0, 0, 50);
  unsigned char *px = malloc((size_t) w * h * 3);
  for (unsigned y = 0; y < h; y++) {
    for (unsigned x = 0; x < w; x++) {
      unsigned char *p = px + ((size_t) y * w + x) * 3;
      p[0] = (unsigned char) (x * 255 / w);
      p[1] = (unsigned char) (y * 255 / h);
      p[2] = (unsigned char) (((x / 16) + (y / 16)) % 2 ? 200 : 40);
    }
  }
  unsigned char *depth = calloc((size_t) w * h, 2);
  sensor_msgs_msg_dds__Image_ img;
  memset(&img, 0, sizeof img);
  img.header.frame_id = "camera_optical_frame";
  img.height = h;
  img.width = w;
  img.encoding = "rgb8";
  img.step = w * 3;
  img.data._buffer = px;
  img.data._length = img.data._maximum = w * h * 3;
  sensor_msgs_msg_dds__Image_ dimg = img;
  dimg.encoding = "16UC1";
  dimg.step = w * 2;
  dimg.data._buffer = depth;
  dimg.data._length = dimg.data._maximum = w * h * 2;
  sensor_msgs_msg_dds__CameraInfo_ info;
  memset(&info, 0, sizeof info);
  info.header.frame_id = "camera_optical_frame";
  info.height = h;
  info.width = w;
  info.distortion_model = "plumb_bob";
  double f = w / 2.0; /* a 90 degree horizontal field of view */
  double k[9] = {f, 0, (w - 1) / 2.0, 0, f, (h - 1) / 2.0, 0, 0, 1};
  memcpy(info.k, k, sizeof k);
  double r[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  memcpy(info.r, r, sizeof r);
  double pm[12] = {f, 0, (w - 1) / 2.0, 0, 0, f, (h - 1) / 2.0, 0, 0, 0, 1, 0};
  memcpy(info.p, pm, sizeof pm);
  nav_msgs_msg_dds__Odometry_ odom;
  memset(&odom, 0, sizeof odom);
  odom.header.frame_id = "odom";
  odom.child_frame_id = "base_link";
  odom.pose.pose.orientation.w = 1;
  dds_entity_t ws = dds_create_waitset(pp);
  dds_waitset_attach(ws, dds_create_readcondition(cmd_rd, DDS_ANY_STATE), 0);
  pthread_t reader;
  pthread_create(&reader, NULL, robot_stdin, NULL);
  printf("ready\n");
  fflush(stdout);
  dds_time_t period = (dds_time_t) (1e9 / hz);
  dds_time_t next = dds_time();
  long images = 0;
  int was_on = 1;
  int64_t last_image = 0;
  while (dds_time() < deadline) {
    int64_t now = wall_ns();
    if (now >= next) {
      next += period;
      if (next < now) { next = now + period; }
      int on = atomic_load(&robot_images_on);
      if (on) {
        stamp_now(&img.header.stamp, now);
        dimg.header.stamp = img.header.stamp;
        info.header.stamp = img.header.stamp;
        dds_write(info_wr, &info);
        dds_write(depth_wr, &dimg);
        dds_write(img_wr, &img);
        last_image = now;
        images++;
      } else if (was_on) {
        printf("images-off %lld %ld\n", (long long) last_image, images);
      }
      was_on = on;
      stamp_now(&odom.header.stamp, now);
      dds_write(odom_wr, &odom);
      if (atomic_exchange(&robot_count, 0)) { printf("images-count %ld\n", images); }
      int e = atomic_exchange(&robot_estop, -1);
      if (e >= 0) {
        std_msgs_msg_dds__Bool_ b = {e != 0};
        dds_write(estop_wr, &b);
        printf("estop %d %lld\n", e, (long long) wall_ns());
      }
      fflush(stdout);
    }
    dds_time_t left = next - dds_time();
    dds_waitset_wait(ws, NULL, 0, left > 0 ? left : 0);
    void *samples[16] = {NULL};
    dds_sample_info_t si[16];
    int n = dds_take(cmd_rd, samples, si, 16, 16);
    if (n > 0) {
      int64_t at = wall_ns();
      for (int i = 0; i < n; i++) {
        if (si[i].valid_data) {
          geometry_msgs_msg_dds__TwistStamped_ *c = samples[i];
          printf("cmd %lld %.4f %.4f\n", (long long) at, c->twist.linear.x, c->twist.angular.z);
        }
      }
      fflush(stdout);
      dds_return_loan(cmd_rd, samples, n);
    }
  }
  printf("robot images %ld\n", images);
  fflush(stdout);
  dds_delete(pp);
  free(px);
  free(depth);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: ros_peer MODE ARG SECONDS [HZ]\n"); return 2; }
  const char *mode = argv[1];
  int reliable = strcmp(argv[2], "best-effort") != 0;
  long count = atol(argv[2]);
  dds_time_t deadline = dds_time() + DDS_SECS(atol(argv[3]));
  dds_entity_t pp = dds_create_participant(DDS_DOMAIN_DEFAULT, NULL, NULL);
  if (pp < 0) { fprintf(stderr, "create_participant: %s\n", dds_strretcode(-pp)); return 2; }
  dds_entity_t rd, wr = 0;
  int image = strcmp(mode, "echo-image") == 0;
  int graph = 0;
  if (strcmp(mode, "echo-twist") == 0) {
    rd = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/to_c", reliable, 0, 0, 10);
    wr = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/from_c", reliable, 0, 1, 10);
  } else if (image) {
    /* a deep reader cache so a briefly starved peer process does not drop images it already received */
    rd = endpoint(pp, &sensor_msgs_msg_dds__Image__desc, "rt/img_to_c", reliable, 0, 0, 30);
    wr = endpoint(pp, &sensor_msgs_msg_dds__Image__desc, "rt/img_from_c", reliable, 0, 1, 5);
  } else if (strcmp(mode, "sub-latched") == 0) {
    rd = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/latched", 1, 1, 0, 10);
  } else if (strcmp(mode, "pub-latched") == 0) {
    wr = endpoint(pp, &geometry_msgs_msg_dds__Twist__desc, "rt/latched_c", 1, 1, 1, 10);
    for (long i = 1; i <= count; i++) {
      geometry_msgs_msg_dds__Twist_ t = {{(double) i, 0.5, -1}, {0, 0, i * 0.25}};
      dds_write(wr, &t);
    }
    printf("ready\n");
    fflush(stdout);
    while (dds_time() < deadline) { dds_sleepfor(DDS_MSECS(10)); }
    dds_delete(pp);
    return 0;
  } else if (strcmp(mode, "ping-twist") == 0) {
    int rc = ping(pp, count, deadline);
    dds_delete(pp);
    return rc;
  } else if (strcmp(mode, "pub-image") == 0) {
    return pub_image(pp, count, argc > 4 ? atof(argv[4]) : 0, deadline);
  } else if (strcmp(mode, "sink-image") == 0) {
    return sink_image(pp, count, deadline);
  } else if (strcmp(mode, "robot") == 0) {
    if (argc < 6) { fprintf(stderr, "usage: ros_peer robot - SECONDS W H [HZ]\n"); return 2; }
    return robot(pp, (unsigned) atoi(argv[4]), (unsigned) atoi(argv[5]), argc > 6 ? atof(argv[6]) : 30, deadline);
  } else if (strcmp(mode, "echo-all") == 0) {
    return echo_all(pp, deadline);
  } else if (strcmp(mode, "graph") == 0) {
    rd = endpoint(pp, &rmw_dds_common_msg_dds__ParticipantEntitiesInfo__desc, "ros_discovery_info", 1, 1, 0, 1);
    graph = 1;
  } else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
  }
  printf("ready\n");
  fflush(stdout);
  long got = 0;
  dds_entity_t ws = dds_create_waitset(pp);
  dds_waitset_attach(ws, dds_create_readcondition(rd, DDS_ANY_STATE), 0);
  uint32_t matched = 0;
  while (dds_time() < deadline) {
    if (wr != 0) {
      dds_publication_matched_status_t pm;
      if (dds_get_publication_matched_status(wr, &pm) == 0 && pm.current_count != matched) {
        matched = pm.current_count;
        printf("writer-matched %u\n", matched);
        fflush(stdout);
      }
    }
    void *samples[1] = {NULL};
    dds_sample_info_t info[1];
    int n = dds_take(rd, samples, info, 1, 1);
    if (n <= 0) { dds_waitset_wait(ws, NULL, 0, DDS_MSECS(20)); continue; }
    if (info[0].valid_data) {
      got++;
      if (graph) {
        rmw_dds_common_msg_dds__ParticipantEntitiesInfo_ *g = samples[0];
        for (unsigned i = 0; i < g->node_entities_info_seq._length; i++) {
          rmw_dds_common_msg_dds__NodeEntitiesInfo_ *ni = &g->node_entities_info_seq._buffer[i];
          printf("node %s %s readers %u writers %u\n", ni->node_namespace, ni->node_name, ni->reader_gid_seq._length,
                 ni->writer_gid_seq._length);
        }
      } else if (image) {
        sensor_msgs_msg_dds__Image_ *img = samples[0];
        printf("image %u %u %s %u %08x\n", img->width, img->height, img->encoding, img->data._length,
               checksum(img->data._buffer, img->data._length));
      } else {
        geometry_msgs_msg_dds__Twist_ *t = samples[0];
        printf("twist %.3f %.3f %.3f %.3f %.3f %.3f\n", t->linear.x, t->linear.y, t->linear.z, t->angular.x,
               t->angular.y, t->angular.z);
      }
      fflush(stdout);
      if (wr != 0) { dds_write(wr, samples[0]); }
    }
    dds_return_loan(rd, samples, n);
    if (!wr && got >= count) { break; }
  }
  dds_delete(pp);
  return 0;
}
