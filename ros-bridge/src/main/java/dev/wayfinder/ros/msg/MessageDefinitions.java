package dev.wayfinder.ros.msg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ROS 2 .msg definition of every message type in this package, and of the types their fields use, as
 * recording tools store them: the type's own text, then each type it depends on (depth first, each once, a
 * package's types in name order) after a line of 80 '=' and a line {@code MSG: pkg/Type}. This is the schema text
 * of an MCAP file in the ROS 2 profile (encoding ros2msg), which Foxglove and {@code ros2 bag} decode messages with.
 *
 * <p>Only fields, constants and default values are given (no comments): they are what decoders need. A test
 * decodes serialized messages of every registered type by these texts alone.
 */
public final class MessageDefinitions {
    private static final Pattern FIELD_TYPE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_/]*)(?:\\[[^\\]]*\\])?\\s+\\S",
            Pattern.MULTILINE);
    private static final Set<String> PRIMITIVES = Set.of("bool", "byte", "char", "float32", "float64", "int8",
            "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "string", "wstring");
    private static final String SEPARATOR = "=".repeat(80);
    /** Own text by "pkg/Name". */
    private static final Map<String, String> OWN = new LinkedHashMap<>();

    static {
        def("builtin_interfaces/Time", """
                int32 sec
                uint32 nanosec
                """);
        def("builtin_interfaces/Duration", """
                int32 sec
                uint32 nanosec
                """);
        def("std_msgs/Header", """
                builtin_interfaces/Time stamp
                string frame_id
                """);
        def("std_msgs/Bool", "bool data\n");
        def("std_msgs/String", "string data\n");
        def("geometry_msgs/Vector3", """
                float64 x
                float64 y
                float64 z
                """);
        def("geometry_msgs/Point", """
                float64 x
                float64 y
                float64 z
                """);
        def("geometry_msgs/Quaternion", """
                float64 x 0
                float64 y 0
                float64 z 0
                float64 w 1
                """);
        def("geometry_msgs/Twist", """
                Vector3 linear
                Vector3 angular
                """);
        def("geometry_msgs/TwistStamped", """
                std_msgs/Header header
                Twist twist
                """);
        def("geometry_msgs/TwistWithCovariance", """
                Twist twist
                float64[36] covariance
                """);
        def("geometry_msgs/Pose", """
                Point position
                Quaternion orientation
                """);
        def("geometry_msgs/PoseStamped", """
                std_msgs/Header header
                Pose pose
                """);
        def("geometry_msgs/PoseWithCovariance", """
                Pose pose
                float64[36] covariance
                """);
        def("geometry_msgs/Transform", """
                Vector3 translation
                Quaternion rotation
                """);
        def("geometry_msgs/TransformStamped", """
                std_msgs/Header header
                string child_frame_id
                Transform transform
                """);
        def("tf2_msgs/TFMessage", "geometry_msgs/TransformStamped[] transforms\n");
        def("sensor_msgs/Image", """
                std_msgs/Header header
                uint32 height
                uint32 width
                string encoding
                uint8 is_bigendian
                uint32 step
                uint8[] data
                """);
        def("sensor_msgs/CompressedImage", """
                std_msgs/Header header
                string format
                uint8[] data
                """);
        def("sensor_msgs/RegionOfInterest", """
                uint32 x_offset
                uint32 y_offset
                uint32 height
                uint32 width
                bool do_rectify
                """);
        def("sensor_msgs/CameraInfo", """
                std_msgs/Header header
                uint32 height
                uint32 width
                string distortion_model
                float64[] d
                float64[9] k
                float64[9] r
                float64[12] p
                uint32 binning_x
                uint32 binning_y
                RegionOfInterest roi
                """);
        def("sensor_msgs/LaserScan", """
                std_msgs/Header header
                float32 angle_min
                float32 angle_max
                float32 angle_increment
                float32 time_increment
                float32 scan_time
                float32 range_min
                float32 range_max
                float32[] ranges
                float32[] intensities
                """);
        def("sensor_msgs/Imu", """
                std_msgs/Header header
                geometry_msgs/Quaternion orientation
                float64[9] orientation_covariance
                geometry_msgs/Vector3 angular_velocity
                float64[9] angular_velocity_covariance
                geometry_msgs/Vector3 linear_acceleration
                float64[9] linear_acceleration_covariance
                """);
        def("nav_msgs/Odometry", """
                std_msgs/Header header
                string child_frame_id
                geometry_msgs/PoseWithCovariance pose
                geometry_msgs/TwistWithCovariance twist
                """);
        def("rosgraph_msgs/Clock", "builtin_interfaces/Time clock\n");
        def("std_msgs/Empty", "");
        def("std_msgs/Float32", "float32 data\n");
        def("std_msgs/Float64", "float64 data\n");
        def("std_msgs/ColorRGBA", """
                float32 r
                float32 g
                float32 b
                float32 a
                """);
        def("geometry_msgs/PoseWithCovarianceStamped", """
                std_msgs/Header header
                PoseWithCovariance pose
                """);
        def("nav_msgs/Path", """
                std_msgs/Header header
                geometry_msgs/PoseStamped[] poses
                """);
        def("nav_msgs/MapMetaData", """
                builtin_interfaces/Time map_load_time
                float32 resolution
                uint32 width
                uint32 height
                geometry_msgs/Pose origin
                """);
        def("nav_msgs/OccupancyGrid", """
                std_msgs/Header header
                MapMetaData info
                int8[] data
                """);
        def("sensor_msgs/PointField", """
                uint8 INT8 = 1
                uint8 UINT8 = 2
                uint8 INT16 = 3
                uint8 UINT16 = 4
                uint8 INT32 = 5
                uint8 UINT32 = 6
                uint8 FLOAT32 = 7
                uint8 FLOAT64 = 8
                string name
                uint32 offset
                uint8 datatype
                uint32 count
                """);
        def("sensor_msgs/PointCloud2", """
                std_msgs/Header header
                uint32 height
                uint32 width
                PointField[] fields
                bool is_bigendian
                uint32 point_step
                uint32 row_step
                uint8[] data
                bool is_dense
                """);
        def("visualization_msgs/UVCoordinate", """
                float32 u
                float32 v
                """);
        def("visualization_msgs/MeshFile", """
                string filename
                uint8[] data
                """);
        def("visualization_msgs/Marker", """
                int32 ARROW = 0
                int32 CUBE = 1
                int32 SPHERE = 2
                int32 CYLINDER = 3
                int32 LINE_STRIP = 4
                int32 LINE_LIST = 5
                int32 CUBE_LIST = 6
                int32 SPHERE_LIST = 7
                int32 POINTS = 8
                int32 TEXT_VIEW_FACING = 9
                int32 MESH_RESOURCE = 10
                int32 TRIANGLE_LIST = 11
                int32 ADD = 0
                int32 MODIFY = 0
                int32 DELETE = 2
                int32 DELETEALL = 3
                std_msgs/Header header
                string ns
                int32 id
                int32 type
                int32 action
                geometry_msgs/Pose pose
                geometry_msgs/Vector3 scale
                std_msgs/ColorRGBA color
                builtin_interfaces/Duration lifetime
                bool frame_locked
                geometry_msgs/Point[] points
                std_msgs/ColorRGBA[] colors
                string texture_resource
                sensor_msgs/CompressedImage texture
                UVCoordinate[] uv_coordinates
                string text
                string mesh_resource
                MeshFile mesh_file
                bool mesh_use_embedded_materials
                """);
        def("visualization_msgs/MarkerArray", "Marker[] markers\n");
    }

    private MessageDefinitions() {
    }

    private static void def(String name, String text) {
        OWN.put(name, text.strip());
    }

    /** "pkg/msg/Name" or "pkg/Name" to "pkg/Name". */
    private static Optional<String> shortName(String rosType) {
        String[] p = rosType.trim().split("/");
        if (p.length == 3 && p[1].equals("msg")) {
            return Optional.of(p[0] + "/" + p[2]);
        }
        return p.length == 2 ? Optional.of(p[0] + "/" + p[1]) : Optional.empty();
    }

    /**
     * @param rosType "pkg/msg/Name" or "pkg/Name"
     * @return the type's own definition (without its dependencies), if known
     */
    public static Optional<String> own(String rosType) {
        return shortName(rosType).map(OWN::get);
    }

    /**
     * @param rosType "pkg/msg/Name" or "pkg/Name"
     * @return the full definition text with every dependency appended, if the type and all it uses are known
     */
    public static Optional<String> fullText(String rosType) {
        Optional<String> name = shortName(rosType);
        if (name.isEmpty() || !OWN.containsKey(name.get())) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Set<String> seen = new TreeSet<>();
        seen.add(name.get());
        if (!append(name.get(), out, seen)) {
            return Optional.empty();
        }
        return Optional.of(out.toString());
    }

    private static boolean append(String name, StringBuilder out, Set<String> seen) {
        String text = OWN.get(name);
        if (text == null) {
            return false;
        }
        out.append(text).append('\n');
        for (String dep : dependencies(name, text)) {
            if (seen.add(dep)) {
                out.append(SEPARATOR).append('\n').append("MSG: ").append(dep).append('\n');
                if (!append(dep, out, seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param name "pkg/Name" whose text this is (its package qualifies unqualified field types)
     * @param text a .msg text
     * @return the message types its fields use, "pkg/Name", in name order
     */
    static List<String> dependencies(String name, String text) {
        String pkg = name.substring(0, name.indexOf('/'));
        Set<String> deps = new TreeSet<>();
        Matcher m = FIELD_TYPE.matcher(text);
        while (m.find()) {
            String t = m.group(1);
            if (PRIMITIVES.contains(t)) {
                continue;
            }
            deps.add(t.contains("/") ? t : pkg + "/" + t);
        }
        return new ArrayList<>(deps);
    }

    /** @return every type with a definition here, "pkg/Name" */
    public static Set<String> names() {
        return Set.copyOf(OWN.keySet());
    }
}
