package dev.wayfinder.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/**
 * A unit box ({@code [-0.5, 0.5]^2 x [0, 1]}) and a unit cylinder (radius 0.5, height 1), drawn instanced
 * in ranges of one shared instance buffer. Use on the context's thread only.
 *
 * <p>Instance layout ({@link #INSTANCE_BYTES} bytes): floats x, y, zBottom, yaw, sizeX, sizeY, sizeZ,
 * textureScale, r1, g1, b1, r2, g2, b2, then ints textureKind, segmentationId.
 */
public final class InstancedMeshes implements AutoCloseable {
    /** Bytes per instance. */
    public static final int INSTANCE_BYTES = 64;
    private static final int CYLINDER_SEGMENTS = 32;
    /** Floats per mesh vertex: position, normal, angle around the cylinder axis. */
    private static final int FLOATS = 7;

    private final int boxVbo;
    private final int cylVbo;
    private final int instanceVbo;
    private final int boxVao;
    private final int cylVao;
    private final int boxVertices;
    private final int cylVertices;
    private int instanceCapacity;

    /** Creates the meshes and an instance buffer for {@code capacity} instances (grows on demand). */
    public InstancedMeshes(int capacity) {
        float[] box = boxVertices();
        float[] cyl = cylinderVertices(CYLINDER_SEGMENTS);
        boxVertices = box.length / FLOATS;
        cylVertices = cyl.length / FLOATS;
        boxVbo = staticBuffer(box);
        cylVbo = staticBuffer(cyl);
        instanceVbo = glGenBuffers();
        instanceCapacity = Math.max(1, capacity);
        glBindBuffer(GL_ARRAY_BUFFER, instanceVbo);
        glBufferData(GL_ARRAY_BUFFER, (long) instanceCapacity * INSTANCE_BYTES, GL_DYNAMIC_DRAW);
        boxVao = glGenVertexArrays();
        cylVao = glGenVertexArrays();
    }

    private static int staticBuffer(float[] data) {
        int vbo = glGenBuffers();
        FloatBuffer fb = MemoryUtil.memAllocFloat(data.length);
        try {
            fb.put(data).flip();
            glBindBuffer(GL_ARRAY_BUFFER, vbo);
            glBufferData(GL_ARRAY_BUFFER, fb, GL_STATIC_DRAW);
        } finally {
            MemoryUtil.memFree(fb);
        }
        return vbo;
    }

    private void setupVao(int vao, int meshVbo, long instanceOffset) {
        glBindVertexArray(vao);
        glBindBuffer(GL_ARRAY_BUFFER, meshVbo);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, false, FLOATS * 4, 0);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, false, FLOATS * 4, 12);
        glEnableVertexAttribArray(7);
        glVertexAttribPointer(7, 1, GL_FLOAT, false, FLOATS * 4, 24);
        glBindBuffer(GL_ARRAY_BUFFER, instanceVbo);
        int s = INSTANCE_BYTES;
        floatAttrib(2, 4, s, instanceOffset);
        floatAttrib(3, 4, s, instanceOffset + 16);
        floatAttrib(4, 3, s, instanceOffset + 32);
        floatAttrib(5, 3, s, instanceOffset + 44);
        glEnableVertexAttribArray(6);
        glVertexAttribIPointer(6, 2, GL_INT, s, instanceOffset + 56);
        glVertexAttribDivisor(6, 1);
        glBindVertexArray(0);
    }

    private static void floatAttrib(int index, int size, int stride, long offset) {
        glEnableVertexAttribArray(index);
        glVertexAttribPointer(index, size, GL_FLOAT, false, stride, offset);
        glVertexAttribDivisor(index, 1);
    }

    /** Uploads {@code instances} (position 0 to limit) into the instance buffer, growing it when needed. */
    public void upload(ByteBuffer instances) {
        glBindBuffer(GL_ARRAY_BUFFER, instanceVbo);
        int total = instances.remaining() / INSTANCE_BYTES;
        if (total > instanceCapacity) {
            instanceCapacity = Math.max(total, instanceCapacity * 2);
            glBufferData(GL_ARRAY_BUFFER, (long) instanceCapacity * INSTANCE_BYTES, GL_DYNAMIC_DRAW);
        }
        glBufferSubData(GL_ARRAY_BUFFER, 0, instances);
    }

    /**
     * Draws {@code count} uploaded instances starting at instance {@code first} as boxes or cylinders with
     * {@code program} bound.
     */
    public void draw(GlProgram program, boolean cylinder, int first, int count) {
        if (count <= 0) {
            return;
        }
        int vao = cylinder ? cylVao : boxVao;
        // Point the instance attributes at this range (base-instance drawing needs OpenGL 4.2).
        setupVao(vao, cylinder ? cylVbo : boxVbo, (long) first * INSTANCE_BYTES);
        program.setCylinder(cylinder);
        glBindVertexArray(vao);
        glDrawArraysInstanced(GL_TRIANGLES, 0, cylinder ? cylVertices : boxVertices, count);
        glBindVertexArray(0);
    }

    /** Counter-clockwise (seen from outside) triangles, position + normal per vertex. */
    private static float[] boxVertices() {
        float[] v = new float[36 * FLOATS];
        int[] k = {0};
        // Each face: normal and the four corners in counter-clockwise order seen from outside.
        face(v, k, 1, 0, 0, new float[][] {{.5f, -.5f, 0}, {.5f, .5f, 0}, {.5f, .5f, 1}, {.5f, -.5f, 1}});
        face(v, k, -1, 0, 0, new float[][] {{-.5f, .5f, 0}, {-.5f, -.5f, 0}, {-.5f, -.5f, 1}, {-.5f, .5f, 1}});
        face(v, k, 0, 1, 0, new float[][] {{.5f, .5f, 0}, {-.5f, .5f, 0}, {-.5f, .5f, 1}, {.5f, .5f, 1}});
        face(v, k, 0, -1, 0, new float[][] {{-.5f, -.5f, 0}, {.5f, -.5f, 0}, {.5f, -.5f, 1}, {-.5f, -.5f, 1}});
        face(v, k, 0, 0, 1, new float[][] {{-.5f, -.5f, 1}, {.5f, -.5f, 1}, {.5f, .5f, 1}, {-.5f, .5f, 1}});
        face(v, k, 0, 0, -1, new float[][] {{-.5f, .5f, 0}, {.5f, .5f, 0}, {.5f, -.5f, 0}, {-.5f, -.5f, 0}});
        return v;
    }

    private static void face(float[] v, int[] k, float nx, float ny, float nz, float[][] c) {
        int[] order = {0, 1, 2, 0, 2, 3};
        for (int i : order) {
            put(v, k, c[i][0], c[i][1], c[i][2], nx, ny, nz, 0);
        }
    }

    private static void put(float[] v, int[] k, float x, float y, float z, float nx, float ny, float nz,
                            float angle) {
        int i = k[0];
        v[i] = x; v[i + 1] = y; v[i + 2] = z; v[i + 3] = nx; v[i + 4] = ny; v[i + 5] = nz; v[i + 6] = angle;
        k[0] = i + FLOATS;
    }

    private static float[] cylinderVertices(int n) {
        float[] v = new float[n * 12 * FLOATS];
        int[] k = {0};
        for (int i = 0; i < n; i++) {
            double a0 = 2 * Math.PI * i / n;
            double a1 = 2 * Math.PI * (i + 1) / n;
            float c0 = (float) Math.cos(a0), s0 = (float) Math.sin(a0);
            float c1 = (float) Math.cos(a1), s1 = (float) Math.sin(a1);
            float x0 = .5f * c0, y0 = .5f * s0, x1 = .5f * c1, y1 = .5f * s1;
            float t0 = (float) a0, t1 = (float) a1;
            // Side (smooth normals).
            put(v, k, x0, y0, 0, c0, s0, 0, t0);
            put(v, k, x1, y1, 0, c1, s1, 0, t1);
            put(v, k, x1, y1, 1, c1, s1, 0, t1);
            put(v, k, x0, y0, 0, c0, s0, 0, t0);
            put(v, k, x1, y1, 1, c1, s1, 0, t1);
            put(v, k, x0, y0, 1, c0, s0, 0, t0);
            // Top and bottom caps.
            put(v, k, 0, 0, 1, 0, 0, 1, 0);
            put(v, k, x0, y0, 1, 0, 0, 1, 0);
            put(v, k, x1, y1, 1, 0, 0, 1, 0);
            put(v, k, 0, 0, 0, 0, 0, -1, 0);
            put(v, k, x1, y1, 0, 0, 0, -1, 0);
            put(v, k, x0, y0, 0, 0, 0, -1, 0);
        }
        return v;
    }

    @Override
    public void close() {
        glDeleteVertexArrays(boxVao);
        glDeleteVertexArrays(cylVao);
        glDeleteBuffers(boxVbo);
        glDeleteBuffers(cylVbo);
        glDeleteBuffers(instanceVbo);
    }
}
