package dev.wayfinder.render.math;

/**
 * 4x4 matrices as column-major {@code float[16]} (OpenGL's layout), written into caller-owned arrays so
 * that nothing is allocated per frame. Computation is in double, storage in float.
 */
public final class Mat4 {
    private Mat4() {}

    /**
     * The view matrix of a camera whose body frame (REP-103: +x optical axis, +y left, +z up) sits at
     * {@code (x, y, z)} with orientation {@code R = Rz(yaw) Ry(pitch) Rx(roll)} in the world; OpenGL's eye
     * frame looks down -z with +y up.
     *
     * @param out receives the matrix (modified)
     */
    public static void viewFromBodyPose(float[] out, double x, double y, double z, double roll, double pitch,
                                        double yaw) {
        double cr = Math.cos(roll), sr = Math.sin(roll);
        double cp = Math.cos(pitch), sp = Math.sin(pitch);
        double cy = Math.cos(yaw), sy = Math.sin(yaw);
        // Columns of R (world from body): body x, y, z axes in world coordinates.
        double r00 = cy * cp, r10 = sy * cp, r20 = -sp;
        double r01 = cy * sp * sr - sy * cr, r11 = sy * sp * sr + cy * cr, r21 = cp * sr;
        double r02 = cy * sp * cr + sy * sr, r12 = sy * sp * cr - cy * sr, r22 = cp * cr;
        // Eye axes in world: eye x = -body y, eye y = body z, eye z = -body x. Rows of the view rotation.
        double ex0 = -r01, ex1 = -r11, ex2 = -r21;
        double ey0 = r02, ey1 = r12, ey2 = r22;
        double ez0 = -r00, ez1 = -r10, ez2 = -r20;
        set(out, ex0, ex1, ex2, -(ex0 * x + ex1 * y + ex2 * z),
                ey0, ey1, ey2, -(ey0 * x + ey1 * y + ey2 * z),
                ez0, ez1, ez2, -(ez0 * x + ez1 * y + ez2 * z),
                0, 0, 0, 1);
    }

    /**
     * A pinhole projection from intrinsics (pixels) with image row 0 at the top: the result is flipped
     * vertically with respect to OpenGL's convention so that glReadPixels returns rows top first (front
     * faces then wind clockwise).
     *
     * @param out receives the matrix (modified)
     */
    public static void projection(float[] out, double fx, double fy, double cx, double cy, int width, int height,
                                  double near, double far) {
        double l = -near * cx / fx;
        double r = near * (width - cx) / fx;
        // Image v grows downwards: cy pixel rows lie above the principal point.
        double t = near * cy / fy;
        double b = -near * (height - cy) / fy;
        set(out, 2 * near / (r - l), 0, (r + l) / (r - l), 0,
                0, 2 * near / (t - b), (t + b) / (t - b), 0,
                0, 0, -(far + near) / (far - near), -2 * far * near / (far - near),
                0, 0, -1, 0);
        // Flip: NDC y -> -y, so image row 0 (top) is read back first.
        for (int c = 0; c < 4; c++) {
            out[c * 4 + 1] = -out[c * 4 + 1];
        }
    }

    /**
     * An orthographic projection of {@code halfWidth x halfHeight} metres around the view axis, flipped
     * vertically like {@link #projection}.
     *
     * @param out receives the matrix (modified)
     */
    public static void orthographic(float[] out, double halfWidth, double halfHeight, double near, double far) {
        set(out, 1 / halfWidth, 0, 0, 0,
                0, -1 / halfHeight, 0, 0,
                0, 0, -2 / (far - near), -(far + near) / (far - near),
                0, 0, 0, 1);
    }

    /** Sets {@code out} from row-major arguments. */
    private static void set(float[] out, double m00, double m01, double m02, double m03,
                            double m10, double m11, double m12, double m13,
                            double m20, double m21, double m22, double m23,
                            double m30, double m31, double m32, double m33) {
        out[0] = (float) m00; out[4] = (float) m01; out[8] = (float) m02; out[12] = (float) m03;
        out[1] = (float) m10; out[5] = (float) m11; out[9] = (float) m12; out[13] = (float) m13;
        out[2] = (float) m20; out[6] = (float) m21; out[10] = (float) m22; out[14] = (float) m23;
        out[3] = (float) m30; out[7] = (float) m31; out[11] = (float) m32; out[15] = (float) m33;
    }
}
