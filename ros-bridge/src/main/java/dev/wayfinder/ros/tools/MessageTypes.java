package dev.wayfinder.ros.tools;

import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.CameraInfo;
import dev.wayfinder.ros.msg.Clock;
import dev.wayfinder.ros.msg.ColorRGBA;
import dev.wayfinder.ros.msg.CompressedImage;
import dev.wayfinder.ros.msg.Duration;
import dev.wayfinder.ros.msg.Empty;
import dev.wayfinder.ros.msg.Float32;
import dev.wayfinder.ros.msg.Float64;
import dev.wayfinder.ros.msg.Header;
import dev.wayfinder.ros.msg.Image;
import dev.wayfinder.ros.msg.Imu;
import dev.wayfinder.ros.msg.LaserScan;
import dev.wayfinder.ros.msg.Marker;
import dev.wayfinder.ros.msg.MarkerArray;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.msg.OccupancyGrid;
import dev.wayfinder.ros.msg.Odometry;
import dev.wayfinder.ros.msg.Path;
import dev.wayfinder.ros.msg.Point;
import dev.wayfinder.ros.msg.PointCloud2;
import dev.wayfinder.ros.msg.PointField;
import dev.wayfinder.ros.msg.Pose;
import dev.wayfinder.ros.msg.PoseStamped;
import dev.wayfinder.ros.msg.PoseWithCovariance;
import dev.wayfinder.ros.msg.PoseWithCovarianceStamped;
import dev.wayfinder.ros.msg.Quaternion;
import dev.wayfinder.ros.msg.RegionOfInterest;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.TFMessage;
import dev.wayfinder.ros.msg.Time;
import dev.wayfinder.ros.msg.Transform;
import dev.wayfinder.ros.msg.TransformStamped;
import dev.wayfinder.ros.msg.Twist;
import dev.wayfinder.ros.msg.TwistStamped;
import dev.wayfinder.ros.msg.Vector3;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in message types by ROS name ("geometry_msgs/msg/Twist" or "geometry_msgs/Twist"). */
public final class MessageTypes {

    /**
     * A type and the record class that holds its values.
     *
     * @param type the type
     * @param recordClass the Java record class
     * @param <T> the record
     */
    public record Entry<T extends Record>(MessageType<T> type, Class<T> recordClass) {
    }

    private static final Map<String, Entry<?>> BY_NAME = new LinkedHashMap<>();

    static {
        add(Time.TYPE, Time.class);
        add(Header.TYPE, Header.class);
        add(Bool.TYPE, Bool.class);
        add(StringMessage.TYPE, StringMessage.class);
        add(Vector3.TYPE, Vector3.class);
        add(Point.TYPE, Point.class);
        add(Quaternion.TYPE, Quaternion.class);
        add(Twist.TYPE, Twist.class);
        add(TwistStamped.TYPE, TwistStamped.class);
        add(Pose.TYPE, Pose.class);
        add(PoseStamped.TYPE, PoseStamped.class);
        add(Transform.TYPE, Transform.class);
        add(TransformStamped.TYPE, TransformStamped.class);
        add(TFMessage.TYPE, TFMessage.class);
        add(Image.TYPE, Image.class);
        add(CompressedImage.TYPE, CompressedImage.class);
        add(RegionOfInterest.TYPE, RegionOfInterest.class);
        add(CameraInfo.TYPE, CameraInfo.class);
        add(LaserScan.TYPE, LaserScan.class);
        add(Imu.TYPE, Imu.class);
        add(Odometry.TYPE, Odometry.class);
        add(Clock.TYPE, Clock.class);
        add(Empty.TYPE, Empty.class);
        add(Float32.TYPE, Float32.class);
        add(Float64.TYPE, Float64.class);
        add(Duration.TYPE, Duration.class);
        add(ColorRGBA.TYPE, ColorRGBA.class);
        add(PoseWithCovariance.TYPE, PoseWithCovariance.class);
        add(PoseWithCovarianceStamped.TYPE, PoseWithCovarianceStamped.class);
        add(Path.TYPE, Path.class);
        add(OccupancyGrid.TYPE, OccupancyGrid.class);
        add(PointField.TYPE, PointField.class);
        add(PointCloud2.TYPE, PointCloud2.class);
        add(Marker.TYPE, Marker.class);
        add(MarkerArray.TYPE, MarkerArray.class);
    }

    private MessageTypes() {
    }

    private static <T extends Record> void add(MessageType<T> type, Class<T> c) {
        BY_NAME.put(type.name(), new Entry<>(type, c));
    }

    /**
     * @param rosName "pkg/msg/Name" or "pkg/Name"
     * @return the type, if built in
     */
    public static Optional<Entry<?>> byName(String rosName) {
        String[] p = rosName.trim().split("/");
        String full = p.length == 2 ? p[0] + "/msg/" + p[1] : rosName.trim();
        return Optional.ofNullable(BY_NAME.get(full));
    }

    /**
     * @param ddsName "pkg::msg::dds_::Name_"
     * @return the type, if built in
     */
    public static Optional<Entry<?>> byDdsName(String ddsName) {
        return BY_NAME.values().stream().filter(e -> e.type().ddsTypeName().equals(ddsName)).findFirst();
    }

    /** @return every built-in ROS type name */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
