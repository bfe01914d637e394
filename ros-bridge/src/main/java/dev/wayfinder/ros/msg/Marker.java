package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * visualization_msgs/Marker (the Humble and later layout, with texture and mesh file fields): a shape for RViz and
 * Foxglove to draw.
 *
 * @param header time and frame of the pose
 * @param ns namespace; (ns, id) names the marker
 * @param id id within the namespace
 * @param type ARROW, CUBE, SPHERE, ... (the constants below)
 * @param action ADD (also modifies), DELETE or DELETEALL
 * @param pose the shape's pose
 * @param scale the shape's size, metres
 * @param color its colour (alpha 0 is invisible)
 * @param lifetime how long it stays; zero is forever
 * @param frameLocked whether it moves with its frame
 * @param points vertices for line, point and triangle types (immutable)
 * @param colors per-vertex colours, empty or one per point (immutable)
 * @param textureResource texture URI for a triangle list
 * @param texture the texture itself, when the resource is "embedded://..."
 * @param uvCoordinates texture coordinates, one per point (immutable)
 * @param text for TEXT_VIEW_FACING
 * @param meshResource mesh URI for MESH_RESOURCE
 * @param meshFile the mesh itself, when the resource is "embedded://..."
 * @param meshUseEmbeddedMaterials whether the mesh's own materials are used
 */
public record Marker(Header header, String ns, int id, int type, int action, Pose pose, Vector3 scale,
                     ColorRGBA color, Duration lifetime, boolean frameLocked, List<Point> points,
                     List<ColorRGBA> colors, String textureResource, CompressedImage texture,
                     List<UVCoordinate> uvCoordinates, String text, String meshResource, MeshFile meshFile,
                     boolean meshUseEmbeddedMaterials) {
    /** type: arrow. */
    public static final int ARROW = 0;
    /** type: cube. */
    public static final int CUBE = 1;
    /** type: sphere. */
    public static final int SPHERE = 2;
    /** type: cylinder. */
    public static final int CYLINDER = 3;
    /** type: line strip through the points. */
    public static final int LINE_STRIP = 4;
    /** type: lines between pairs of points. */
    public static final int LINE_LIST = 5;
    /** type: a cube at every point. */
    public static final int CUBE_LIST = 6;
    /** type: a sphere at every point. */
    public static final int SPHERE_LIST = 7;
    /** type: points. */
    public static final int POINTS = 8;
    /** type: text facing the viewer. */
    public static final int TEXT_VIEW_FACING = 9;
    /** type: a mesh. */
    public static final int MESH_RESOURCE = 10;
    /** type: triangles from triples of points. */
    public static final int TRIANGLE_LIST = 11;
    /** action: add or modify. */
    public static final int ADD = 0;
    /** action: delete this marker. */
    public static final int DELETE = 2;
    /** action: delete every marker. */
    public static final int DELETEALL = 3;

    /** The type. */
    public static final MessageType<Marker> TYPE = MessageType.of("visualization_msgs/msg/Marker", Marker::write,
            Marker::read);

    /** Validates non-null fields and copies the lists. */
    public Marker {
        if (header == null || ns == null || pose == null || scale == null || color == null || lifetime == null
                || points == null || colors == null || textureResource == null || texture == null
                || uvCoordinates == null || text == null || meshResource == null || meshFile == null) {
            throw new IllegalArgumentException("marker fields must not be null");
        }
        points = List.copyOf(points);
        colors = List.copyOf(colors);
        uvCoordinates = List.copyOf(uvCoordinates);
    }

    /**
     * A marker of a simple shape with everything else empty.
     *
     * @param header time and frame
     * @param ns namespace
     * @param id id
     * @param type shape
     * @param pose pose
     * @param scale size
     * @param color colour
     * @return the marker (action ADD, forever)
     */
    public static Marker shape(Header header, String ns, int id, int type, Pose pose, Vector3 scale,
                               ColorRGBA color) {
        return new Marker(header, ns, id, type, ADD, pose, scale, color, Duration.ZERO, false, List.of(), List.of(),
                "", new CompressedImage(header, "", new byte[0]), List.of(), "", "", MeshFile.NONE, false);
    }

    static void write(Marker v, CdrWriter w) {
        Header.write(v.header, w);
        w.writeString(v.ns);
        w.writeInt32(v.id);
        w.writeInt32(v.type);
        w.writeInt32(v.action);
        Pose.write(v.pose, w);
        Vector3.write(v.scale, w);
        ColorRGBA.write(v.color, w);
        Duration.write(v.lifetime, w);
        w.writeBool(v.frameLocked);
        w.writeInt32(v.points.size());
        for (Point p : v.points) {
            Point.write(p, w);
        }
        w.writeInt32(v.colors.size());
        for (ColorRGBA c : v.colors) {
            ColorRGBA.write(c, w);
        }
        w.writeString(v.textureResource);
        CompressedImage.TYPE.write(v.texture, w);
        w.writeInt32(v.uvCoordinates.size());
        for (UVCoordinate c : v.uvCoordinates) {
            UVCoordinate.TYPE.write(c, w);
        }
        w.writeString(v.text);
        w.writeString(v.meshResource);
        MeshFile.TYPE.write(v.meshFile, w);
        w.writeBool(v.meshUseEmbeddedMaterials);
    }

    static Marker read(CdrReader r) {
        Header header = Header.read(r);
        String ns = r.readString();
        int id = r.readInt32();
        int type = r.readInt32();
        int action = r.readInt32();
        Pose pose = Pose.read(r);
        Vector3 scale = Vector3.read(r);
        ColorRGBA color = ColorRGBA.read(r);
        Duration lifetime = Duration.read(r);
        boolean frameLocked = r.readBool();
        List<Point> points = list(r, 24, Point::read);
        List<ColorRGBA> colors = list(r, 16, ColorRGBA::read);
        String textureResource = r.readString();
        CompressedImage texture = CompressedImage.TYPE.read(r);
        List<UVCoordinate> uv = list(r, 8, UVCoordinate.TYPE::read);
        String text = r.readString();
        String meshResource = r.readString();
        MeshFile meshFile = MeshFile.TYPE.read(r);
        boolean embedded = r.readBool();
        return new Marker(header, ns, id, type, action, pose, scale, color, lifetime, frameLocked, points, colors,
                textureResource, texture, uv, text, meshResource, meshFile, embedded);
    }

    private static <T> List<T> list(CdrReader r, int minSize, Function<CdrReader, T> read) {
        int n = r.readLength(minSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(read.apply(r));
        }
        return out;
    }
}
