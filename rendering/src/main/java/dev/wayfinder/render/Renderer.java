package dev.wayfinder.render;

import static org.lwjgl.opengl.GL33C.*;

import dev.wayfinder.render.gl.EglContext;
import dev.wayfinder.render.gl.Framebuffer;
import dev.wayfinder.render.gl.GlProgram;
import dev.wayfinder.render.gl.InstancedMeshes;
import dev.wayfinder.render.math.Mat4;
import dev.wayfinder.render.view.FreeCamera;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import dev.wayfinder.sim.core.SegmentationIds;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A headless OpenGL renderer owning one EGL context: renders {@link RenderScene}s at given
 * {@link ObjectPoses} from the robot camera ({@link #renderCamera}) or from a free camera
 * ({@link #renderView}), offscreen, and reads the pixels back: robot camera images straight into physics-sim's
 * {@link CameraFrame} arrays, free views into caller-owned direct buffers.
 *
 * <p>One renderer per thread: it must be created, used and closed on one thread. Several environments
 * share a renderer by rendering one after another (scenes may differ from call to call). After the first
 * frame at a given size nothing is allocated per frame.
 */
public final class Renderer implements AutoCloseable {
    private final EglContext context;
    private final GlProgram[] programs;
    private final InstancedMeshes meshes;
    private static final int MAX_TARGETS = 6;
    private final List<Framebuffer> targets = new ArrayList<>();
    private final float[] view = new float[16];
    private final float[] proj = new float[16];
    private final String description;
    private ByteBuffer instances;
    private ByteBuffer cameraRgb;
    private int[] groupCounts = new int[16];
    private ByteBuffer atlasRgb;
    private ByteBuffer atlasSeg;
    private ByteBuffer atlasDepth;
    private IntBuffer atlasSegInts;
    private FloatBuffer atlasDepthFloats;

    private Renderer(EglContext context) {
        this.context = context;
        this.programs = new GlProgram[TextureKind.values().length];
        for (int k = 0; k < programs.length; k++) {
            programs[k] = new GlProgram(k);
        }
        this.meshes = new InstancedMeshes(64);
        this.instances = ByteBuffer.allocateDirect(64 * InstancedMeshes.INSTANCE_BYTES).order(ByteOrder.nativeOrder());
        this.description = glGetString(GL_RENDERER) + " (OpenGL " + glGetString(GL_VERSION) + ", EGL "
                + context.platform() + ")";
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        glEnable(GL_CULL_FACE);
        glCullFace(GL_BACK);
        // The projections flip the image vertically (row 0 read back first), which reverses winding.
        glFrontFace(GL_CW);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
    }

    /**
     * Creates a renderer with its own headless context, current on the calling thread.
     *
     * @throws RenderException when no EGL/OpenGL 3.3 is available (the message says what to install)
     */
    public static Renderer create() {
        EglContext ctx = EglContext.create();
        try {
            return new Renderer(ctx);
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    /** The OpenGL renderer, version and EGL platform, e.g. "llvmpipe (...) (OpenGL 4.5 ..., EGL surfaceless)". */
    public String description() {
        return description;
    }

    /**
     * Renders the robot camera of {@code stream} in {@code scene}, with the robot at body 0 of {@code poses},
     * into {@code out}: RGB with the stream's camera effects applied, and the ground-truth depth and the
     * segmentation ids where the stream reads them (else those arrays are left as they were). The robot's own
     * body is not drawn, nor is the goal marker unless the scene asks for it
     * ({@link RenderScene#withGoalInRobotCamera}). Depth and ids are read back into the frame's arrays directly,
     * RGB through one reused native buffer; nothing is allocated per frame.
     *
     * @param stream the camera (projection from its {@link CameraStream#info()}) and its effect state
     * @param out    written in place; must have the stream's width and height
     */
    public void renderCamera(RenderScene scene, ObjectPoses poses, CameraStream stream, CameraFrame out) {
        context.checkThread();
        checkBodies(scene, poses);
        checkSize(stream, out, "frame");
        cameraMatrices(poses, stream);
        CameraInfo info = stream.info();
        int w = info.width();
        int h = info.height();
        draw(scene, poses, w, h, false);
        cameraRgb = ensure(cameraRgb, w * h * 3);
        glReadBuffer(GL_COLOR_ATTACHMENT0);
        glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, cameraRgb);
        cameraRgb.get(0, out.rgb(), 0, w * h * 3);
        if (stream.readsSegmentation()) {
            glReadBuffer(GL_COLOR_ATTACHMENT1);
            glReadPixels(0, 0, w, h, GL_RED_INTEGER, GL_UNSIGNED_INT, out.segmentation());
        }
        if (stream.readsDepth()) {
            float[] d = out.depth();
            glReadPixels(0, 0, w, h, GL_DEPTH_COMPONENT, GL_FLOAT, d);
            linearizeDepth(d, w * h, info.near(), info.far());
        }
        stream.finishFrame(out.rgb());
    }

    private static void checkSize(CameraStream stream, CameraFrame out, String what) {
        if (out.width() != stream.width() || out.height() != stream.height()) {
            throw new IllegalArgumentException(what + " is " + out.width() + "x" + out.height()
                    + ", the camera stream renders " + stream.width() + "x" + stream.height());
        }
    }

    /**
     * Renders {@code scene} (robot included) from a free camera into {@code bgra}: {@code width x height}
     * pixels, row 0 at the top, each an int 0xAARRGGBB (GL_BGRA with GL_UNSIGNED_INT_8_8_8_8_REV, which is
     * JavaFX's IntArgbPre for opaque pixels).
     *
     * @param bgra direct buffer with at least width*height ints remaining from index 0 (modified)
     */
    public void renderView(RenderScene scene, ObjectPoses poses, FreeCamera camera, int width, int height,
                           IntBuffer bgra) {
        context.checkThread();
        checkBodies(scene, poses);
        if (bgra.capacity() < width * height) {
            throw new IllegalArgumentException("buffer holds " + bgra.capacity() + " ints, need " + width * height);
        }
        camera.view(view);
        camera.projection(proj, width, height);
        draw(scene, poses, width, height, true);
        glReadBuffer(GL_COLOR_ATTACHMENT0);
        glReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, bgra);
    }

    /**
     * Renders from a free camera and also reads the segmentation ids (for picking objects in the studio).
     *
     * @param ids direct buffer with at least width*height ints (modified)
     */
    public void renderView(RenderScene scene, ObjectPoses poses, FreeCamera camera, int width, int height,
                           IntBuffer bgra, IntBuffer ids) {
        renderView(scene, poses, camera, width, height, bgra);
        glReadBuffer(GL_COLOR_ATTACHMENT1);
        glReadPixels(0, 0, width, height, GL_RED_INTEGER, GL_UNSIGNED_INT, ids);
    }

    /**
     * Renders several robot cameras into tiles of one offscreen image and reads it back once, then splits
     * it into {@code frames} (an atlas; whether this beats separate renders depends on the OpenGL
     * implementation: measure with the render benchmark). All streams must have the same size and outputs;
     * element {@code i} of each array belongs together, as in
     * {@link #renderCamera(RenderScene, ObjectPoses, CameraStream, CameraFrame)}.
     */
    public void renderCameraAtlas(RenderScene[] scenes, ObjectPoses[] poses, CameraStream[] streams,
                                  CameraFrame[] frames) {
        context.checkThread();
        int n = frames.length;
        if (n == 0 || scenes.length != n || poses.length != n || streams.length != n) {
            throw new IllegalArgumentException("need equally many scenes, poses, streams and frames (>= 1), got "
                    + scenes.length + ", " + poses.length + ", " + streams.length + ", " + n);
        }
        int w = streams[0].width();
        int h = streams[0].height();
        boolean depth = streams[0].readsDepth();
        boolean seg = streams[0].readsSegmentation();
        for (int i = 0; i < n; i++) {
            checkBodies(scenes[i], poses[i]);
            if (streams[i].width() != w || streams[i].height() != h || streams[i].readsDepth() != depth
                    || streams[i].readsSegmentation() != seg) {
                throw new IllegalArgumentException("atlas streams must share size and outputs; stream " + i
                        + " differs");
            }
            checkSize(streams[i], frames[i], "frame " + i);
        }
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        int aw = cols * w;
        int ah = rows * h;
        target(aw, ah).bind();
        glEnable(GL_SCISSOR_TEST);
        for (int i = 0; i < n; i++) {
            int x = (i % cols) * w;
            int y = (i / cols) * h;
            glViewport(x, y, w, h);
            glScissor(x, y, w, h);
            cameraMatrices(poses[i], streams[i]);
            drawTile(scenes[i], poses[i], false);
        }
        glDisable(GL_SCISSOR_TEST);
        int pixels = aw * ah;
        atlasRgb = ensure(atlasRgb, pixels * 3);
        glReadBuffer(GL_COLOR_ATTACHMENT0);
        glReadPixels(0, 0, aw, ah, GL_RGB, GL_UNSIGNED_BYTE, atlasRgb);
        if (seg) {
            if (atlasSeg == null || atlasSeg.capacity() < pixels * 4) {
                atlasSeg = ensure(atlasSeg, pixels * 4);
                atlasSegInts = atlasSeg.asIntBuffer();
            }
            glReadBuffer(GL_COLOR_ATTACHMENT1);
            glReadPixels(0, 0, aw, ah, GL_RED_INTEGER, GL_UNSIGNED_INT, atlasSeg);
        }
        if (depth) {
            if (atlasDepth == null || atlasDepth.capacity() < pixels * 4) {
                atlasDepth = ensure(atlasDepth, pixels * 4);
                atlasDepthFloats = atlasDepth.asFloatBuffer();
            }
            glReadPixels(0, 0, aw, ah, GL_DEPTH_COMPONENT, GL_FLOAT, atlasDepth);
        }
        for (int i = 0; i < n; i++) {
            CameraFrame f = frames[i];
            int x = (i % cols) * w;
            int y = (i / cols) * h;
            for (int r = 0; r < h; r++) {
                int src = (y + r) * aw + x;
                atlasRgb.get(src * 3, f.rgb(), r * w * 3, w * 3);
                if (seg) {
                    atlasSegInts.get(src, f.segmentation(), r * w, w);
                }
                if (depth) {
                    atlasDepthFloats.get(src, f.depth(), r * w, w);
                }
            }
            if (depth) {
                CameraInfo info = streams[i].info();
                linearizeDepth(f.depth(), w * h, info.near(), info.far());
            }
            streams[i].finishFrame(f.rgb());
        }
    }

    private static ByteBuffer ensure(ByteBuffer b, int bytes) {
        if (b != null && b.capacity() >= bytes) {
            return b;
        }
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    private void cameraMatrices(ObjectPoses poses, CameraStream out) {
        Pose3 m = out.mount();
        double rx = poses.x(0), ry = poses.y(0), ryaw = poses.yaw(0);
        double c = Math.cos(ryaw), s = Math.sin(ryaw);
        Mat4.viewFromBodyPose(view, rx + c * m.x() - s * m.y(), ry + s * m.x() + c * m.y(), m.z(), m.roll(),
                m.pitch(), ryaw + m.yaw());
        CameraInfo info = out.info();
        Mat4.projection(proj, info.fx(), info.fy(), info.cx(), info.cy(), info.width(), info.height(),
                info.near(), info.far());
    }

    private static void checkBodies(RenderScene scene, ObjectPoses poses) {
        if (poses.bodyCount() != scene.bodyCount()) {
            throw new IllegalArgumentException("poses hold " + poses.bodyCount() + " bodies, the scene has "
                    + scene.bodyCount());
        }
    }

    private void draw(RenderScene scene, ObjectPoses poses, int width, int height, boolean freeView) {
        target(width, height).bind();
        drawTile(scene, poses, freeView);
    }

    /**
     * Clears (within the scissor box, if enabled) and draws into the bound target's viewport: everything for
     * a free view; for the robot camera ({@code freeView} false) neither the robot nor, unless the scene
     * asks for it, the goal marker.
     */
    private void drawTile(RenderScene scene, ObjectPoses poses, boolean freeView) {
        Rgb bg = scene.lighting().background();
        glClearColor((float) bg.r(), (float) bg.g(), (float) bg.b(), 1f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glClearBufferuiv(GL_COLOR, 1, ZERO_ID);
        int needed = scene.partCount() * InstancedMeshes.INSTANCE_BYTES;
        if (instances.capacity() < needed) {
            instances = ByteBuffer.allocateDirect(Math.max(needed, instances.capacity() * 2))
                    .order(ByteOrder.nativeOrder());
        }
        List<RenderScene.Group> groups = scene.groups();
        if (groupCounts.length < groups.size()) {
            groupCounts = new int[groups.size() * 2];
        }
        instances.clear();
        float[] colors = scene.linearColors();
        for (int g = 0; g < groups.size(); g++) {
            RenderScene.Group group = groups.get(g);
            groupCounts[g] = fill(group.parts(), poses, freeView, freeView || scene.goalInRobotCamera(), colors,
                    group.colorBase());
        }
        instances.flip();
        meshes.upload(instances);
        float[] light = scene.lightingUniforms();
        int usedKinds = 0;
        int first = 0;
        for (int g = 0; g < groups.size(); g++) {
            RenderScene.Group group = groups.get(g);
            GlProgram program = programs[group.kind()];
            program.use();
            if ((usedKinds & (1 << group.kind())) == 0) {
                usedKinds |= 1 << group.kind();
                program.setCamera(view, proj);
                program.setLighting(light[0], light[1], light[2], light[3], light[4], light[5], light[6], light[7],
                        light[8], light[9], light[10]);
            }
            meshes.draw(program, group.cylinder(), first, groupCounts[g]);
            first += groupCounts[g];
        }
    }

    private static final int[] ZERO_ID = new int[4];

    /** Writes the instances of {@code parts}; returns how many were written. */
    private int fill(List<RenderScene.Part> parts, ObjectPoses poses, boolean drawRobot, boolean drawGoal,
                     float[] colors, int colorBase) {
        ByteBuffer b = instances;
        int n = 0;
        for (int i = 0; i < parts.size(); i++) {
            RenderScene.Part p = parts.get(i);
            if ((p.body() == 0 && !drawRobot) || (p.segId() == SegmentationIds.GOAL && !drawGoal)) {
                continue;
            }
            double x = p.dx(), y = p.dy(), yaw = p.yaw();
            if (p.body() >= 0) {
                double bx = poses.x(p.body()), by = poses.y(p.body()), byaw = poses.yaw(p.body());
                double c = Math.cos(byaw), s = Math.sin(byaw);
                x = bx + c * p.dx() - s * p.dy();
                y = by + s * p.dx() + c * p.dy();
                yaw = byaw + p.yaw();
            }
            Material m = p.material();
            int k = colorBase + i * 6;
            b.putFloat((float) x).putFloat((float) y).putFloat((float) p.z()).putFloat((float) yaw);
            b.putFloat((float) p.sx()).putFloat((float) p.sy()).putFloat((float) p.sz()).putFloat((float) m.scale());
            b.putFloat(colors[k]).putFloat(colors[k + 1]).putFloat(colors[k + 2]);
            b.putFloat(colors[k + 3]).putFloat(colors[k + 4]).putFloat(colors[k + 5]);
            b.putInt(RenderScene.textureCode(m.texture())).putInt(p.segId());
            n++;
        }
        return n;
    }

    private Framebuffer target(int width, int height) {
        for (int i = 0; i < targets.size(); i++) {
            Framebuffer f = targets.get(i);
            if (f.width() == width && f.height() == height) {
                return f;
            }
        }
        if (targets.size() == MAX_TARGETS) {
            // A studio window being resized asks for many sizes: keep only the most recent few.
            targets.remove(0).close();
        }
        Framebuffer f = new Framebuffer(width, height);
        targets.add(f);
        return f;
    }

    /** Converts window-space depth in [0, 1] to metres along the optical axis; 1 (nothing hit) to +Inf. */
    static void linearizeDepth(float[] d, int n, double near, double far) {
        float a = (float) (2 * near * far);
        float fpn = (float) (far + near);
        float fmn = (float) (far - near);
        for (int i = 0; i < n; i++) {
            float w = d[i];
            if (w >= 1f) {
                d[i] = Float.POSITIVE_INFINITY;
            } else {
                float ndc = 2f * w - 1f;
                d[i] = a / (fpn - ndc * fmn);
            }
        }
    }

    @Override
    public void close() {
        context.checkThread();
        for (Framebuffer f : targets) {
            f.close();
        }
        targets.clear();
        meshes.close();
        for (GlProgram p : programs) {
            p.close();
        }
        context.close();
    }
}
