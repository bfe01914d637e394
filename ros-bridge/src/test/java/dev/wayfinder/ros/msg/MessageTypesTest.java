package dev.wayfinder.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wayfinder.ros.cdr.CdrException;
import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageTypesTest {
    private static final long SEED = 20261129L;
    private final Random rnd = new Random(SEED);

    private Header header() {
        return new Header(new Time(rnd.nextInt(1 << 30), rnd.nextInt(1_000_000_000)), "frame" + rnd.nextInt(99));
    }

    private Vector3 v3() {
        return new Vector3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
    }

    private Quaternion q() {
        return new Quaternion(rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble());
    }

    private Covariance cov(int n) {
        return new Covariance(rnd.doubles(n).toArray());
    }

    private <T> void roundTrip(MessageType<T> type, T value) {
        byte[] le = type.serialize(value);
        assertEquals(value, type.deserialize(le), () -> type.name() + " LE, seed " + SEED);
        CdrWriter w = new CdrWriter(true, 64);
        type.write(value, w);
        assertEquals(value, type.read(new CdrReader(w.toByteArray())), () -> type.name() + " BE, seed " + SEED);
        for (int cut = 4; cut < le.length - 3; cut += Math.max(1, le.length / 17)) {
            byte[] truncated = java.util.Arrays.copyOf(le, cut);
            int c = cut;
            try {
                type.deserialize(truncated);
            } catch (CdrException expected) {
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError(type.name() + " truncated to " + c + " threw " + e + ", seed " + SEED, e);
            }
        }
    }

    @Test
    void everyTypeRoundTripsInBothByteOrdersAndRejectsTruncation() {
        Twist twist = new Twist(v3(), v3());
        Pose pose = new Pose(new Point(1, 2, 3), q());
        TransformStamped tf = new TransformStamped(header(), "base_link", new Transform(v3(), q()));
        byte[] px = new byte[12 * 10 * 3];
        rnd.nextBytes(px);
        roundTrip(Time.TYPE, new Time(5, 6));
        roundTrip(Header.TYPE, header());
        roundTrip(Bool.TYPE, new Bool(true));
        roundTrip(StringMessage.TYPE, new StringMessage("héllo"));
        roundTrip(Vector3.TYPE, v3());
        roundTrip(Quaternion.TYPE, q());
        roundTrip(Point.TYPE, new Point(4, 5, 6));
        roundTrip(Twist.TYPE, twist);
        roundTrip(TwistStamped.TYPE, new TwistStamped(header(), twist));
        roundTrip(Pose.TYPE, pose);
        roundTrip(PoseStamped.TYPE, new PoseStamped(header(), pose));
        roundTrip(Transform.TYPE, new Transform(v3(), q()));
        roundTrip(TransformStamped.TYPE, tf);
        roundTrip(TFMessage.TYPE, new TFMessage(List.of(tf, tf)));
        roundTrip(Image.TYPE, new Image(header(), 10, 12, "rgb8", false, 36, px));
        roundTrip(CompressedImage.TYPE, new CompressedImage(header(), "jpeg", px));
        roundTrip(CameraInfo.TYPE, new CameraInfo(header(), 480, 640, "plumb_bob", rnd.doubles(5).toArray(), cov(9),
                cov(9), rnd.doubles(12).toArray(), 0, 0, new RegionOfInterest(1, 2, 3, 4, true)));
        roundTrip(LaserScan.TYPE, new LaserScan(header(), -1.5f, 1.5f, 0.01f, 0, 0.1f, 0.1f, 10f,
                new float[] {1, 2, 3}, new float[0]));
        roundTrip(Imu.TYPE, new Imu(header(), q(), cov(9), v3(), cov(9), v3(), cov(9)));
        roundTrip(Odometry.TYPE, new Odometry(header(), "base_link", pose, cov(36), twist, cov(36)));
        roundTrip(Clock.TYPE, new Clock(new Time(1, 2)));
        roundTrip(Empty.TYPE, new Empty());
        roundTrip(Float32.TYPE, new Float32((float) rnd.nextGaussian()));
        roundTrip(Float64.TYPE, new Float64(rnd.nextGaussian()));
        roundTrip(Duration.TYPE, new Duration(-3, 5));
        ColorRGBA red = new ColorRGBA(1, 0, 0, 0.5f);
        roundTrip(ColorRGBA.TYPE, red);
        PoseWithCovariance pc = new PoseWithCovariance(pose, cov(36));
        roundTrip(PoseWithCovariance.TYPE, pc);
        roundTrip(PoseWithCovarianceStamped.TYPE, new PoseWithCovarianceStamped(header(), pc));
        roundTrip(Path.TYPE, new Path(header(), List.of(new PoseStamped(header(), pose), new PoseStamped(header(),
                new Pose(new Point(7, 8, 9), q())))));
        roundTrip(OccupancyGrid.TYPE, new OccupancyGrid(header(), new OccupancyGrid.MapMetaData(new Time(3, 4), 0.05f,
                4, 3, pose), new byte[] {0, 100, -1, 0, 0, 0, 100, 100, -1, -1, 0, 0}));
        PointField x = new PointField("x", 0, PointField.FLOAT32, 1);
        roundTrip(PointField.TYPE, x);
        roundTrip(PointCloud2.TYPE, new PointCloud2(header(), 1, 3, List.of(x, new PointField("y", 4,
                PointField.FLOAT32, 1)), false, 8, 24, java.util.Arrays.copyOf(px, 24), true));
        Marker cube = Marker.shape(header(), "obstacles", 7, Marker.CUBE, pose, v3(), red);
        roundTrip(Marker.TYPE, cube);
        Marker line = new Marker(header(), "route", 1, Marker.LINE_STRIP, Marker.ADD, pose, v3(), red,
                new Duration(1, 500), true, List.of(new Point(0, 0, 0), new Point(1, 2, 0)), List.of(red, red),
                "embedded://t", new CompressedImage(header(), "png", new byte[] {1, 2}),
                List.of(new UVCoordinate(0.25f, 0.5f)), "hi", "package://m.dae",
                new MeshFile("m.dae", new byte[] {3, 4, 5}), true);
        roundTrip(Marker.TYPE, line);
        roundTrip(MarkerArray.TYPE, new MarkerArray(List.of(cube, line)));
    }

    @Test
    void emptyIsTheOneByteRosidlGivesAnEmptyStruct() {
        // CDR_LE encapsulation header (its options say 3 bytes of padding), then structure_needs_at_least_one_member
        byte[] wire = Empty.TYPE.serialize(new Empty());
        assertEquals("0001000300000000", HexFormat.of().formatHex(wire));
        assertEquals(new Empty(), Empty.TYPE.deserialize(HexFormat.of().parseHex("0001000001000000")));
    }

    @Test
    void twistIsByteIdenticalToWhatCycloneAndFastDdsSend() {
        // 52-byte payload captured from Fast DDS on rt/cmd_vel_b: CDR_LE header + six doubles
        byte[] captured = HexFormat.of().parseHex(
                "00010000000000000000d03f000000000000f03f0000000000000000"
                        + "00000000000000000000000000000000000000000000f8bf");
        Twist t = Twist.TYPE.deserialize(captured);
        assertEquals(new Twist(new Vector3(0.25, 1, 0), new Vector3(0, 0, -1.5)), t);
        assertEquals(HexFormat.of().formatHex(captured), HexFormat.of().formatHex(Twist.TYPE.serialize(t)));
    }

    @Test
    void xcdr2PayloadsAreAccepted() {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(1, (byte) 7);
        b.putInt(4, 3).putInt(8, 4).putInt(12, 1).putDouble(16, 2.5);
        // Header-less check: a struct {int32 sec; uint32 nanosec; int32 x; double d} read field by field
        CdrReader r = new CdrReader(b.array());
        assertEquals(new Time(3, 4), Time.TYPE.read(r));
        assertEquals(1, r.readInt32());
        assertEquals(2.5, r.readFloat64());
    }

    @Test
    void ddsTypeNamesFollowRosConventions() {
        assertEquals("geometry_msgs::msg::dds_::Twist_", Twist.TYPE.ddsTypeName());
        assertEquals("sensor_msgs::msg::dds_::Image_", Image.TYPE.ddsTypeName());
        assertEquals("tf2_msgs::msg::dds_::TFMessage_", TFMessage.TYPE.ddsTypeName());
        assertThrows(IllegalArgumentException.class, () -> MessageType.of("bad", (v, w) -> { }, r -> null));
    }

    @Test
    void recordsValidateAndCopyTheirArrays() {
        byte[] px = {1, 2, 3};
        Image img = new Image(header(), 1, 1, "rgb8", false, 3, px);
        px[0] = 9;
        assertEquals(1, img.data()[0]);
        img.data()[0] = 9;
        assertEquals(1, img.data()[0]);
        assertThrows(IllegalArgumentException.class, () -> new Time(0, 1_000_000_000));
        assertThrows(IllegalArgumentException.class, () -> new Covariance(new double[4]));
    }
}
