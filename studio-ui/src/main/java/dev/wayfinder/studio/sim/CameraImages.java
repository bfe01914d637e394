package dev.wayfinder.studio.sim;

import dev.wayfinder.render.image.FrameImages;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.sim.camera.CameraFrame;

/**
 * One robot camera frame as pictures for the camera panel, 0xAARRGGBB ints, row 0 at the top: the RGB image, the
 * measured depth through {@link FrameImages}' colour map (black where the camera measured nothing), the
 * segmentation ids in {@link FrameImages}' colours, and the RGB image resampled to the policy's input size the way
 * {@link Features} does it (what the network is given). The studio's simulation reuses the arrays of frames no
 * longer shown ({@link FrameHandoff}): read them while the frame is the one shown, and copy what must outlive it.
 *
 * @param width         camera width, pixels
 * @param height        camera height, pixels
 * @param rgb           width x height
 * @param depth         width x height
 * @param segmentation  width x height
 * @param policyWidth   the policy's input width, pixels
 * @param policyHeight  the policy's input height, pixels
 * @param policy        policyWidth x policyHeight
 * @param maxDepth      the depth at the far end of the colour map, metres
 */
public record CameraImages(int width, int height, int[] rgb, int[] depth, int[] segmentation, int policyWidth,
                           int policyHeight, int[] policy, double maxDepth) {
    /** Converts {@code f}; {@code policyWidth x policyHeight} is the network's input size. */
    public static CameraImages of(CameraFrame f, int policyWidth, int policyHeight, double maxDepth) {
        return of(f, policyWidth, policyHeight, maxDepth, null, null);
    }

    /**
     * Converts {@code f} into the arrays of {@code reuse} when their sizes fit (new arrays otherwise), resampling
     * through {@code scratch} when it is large enough: nothing is allocated but the record itself when both fit.
     */
    static CameraImages of(CameraFrame f, int policyWidth, int policyHeight, double maxDepth, CameraImages reuse,
                           byte[] scratch) {
        int w = f.width();
        int h = f.height();
        int n = w * h;
        boolean fits = reuse != null && reuse.width == w && reuse.height == h && reuse.policyWidth == policyWidth
                && reuse.policyHeight == policyHeight;
        byte[] src = f.rgb();
        int[] rgb = fits ? reuse.rgb : new int[n];
        for (int i = 0; i < n; i++) {
            rgb[i] = argb(src, i * 3);
        }
        int[] depth = fits ? reuse.depth : new int[n];
        float[] d = f.measuredDepth();
        for (int i = 0; i < n; i++) {
            depth[i] = 0xff000000 | (Float.isFinite(d[i]) ? FrameImages.colorMap(d[i] / maxDepth) : 0);
        }
        int[] seg = fits ? reuse.segmentation : new int[n];
        int[] ids = f.segmentation();
        for (int i = 0; i < n; i++) {
            seg[i] = 0xff000000 | FrameImages.idColor(ids[i]);
        }
        int resampledLength = policyWidth * policyHeight * 3;
        byte[] resampled = scratch != null && scratch.length >= resampledLength ? scratch : new byte[resampledLength];
        Features.resampleRgb(src, w, h, resampled, policyWidth, policyHeight);
        int[] policy = fits ? reuse.policy : new int[policyWidth * policyHeight];
        for (int i = 0; i < policy.length; i++) {
            policy[i] = argb(resampled, i * 3);
        }
        return new CameraImages(w, h, rgb, depth, seg, policyWidth, policyHeight, policy, maxDepth);
    }

    private static int argb(byte[] rgb, int at) {
        return 0xff000000 | (rgb[at] & 0xff) << 16 | (rgb[at + 1] & 0xff) << 8 | (rgb[at + 2] & 0xff);
    }
}
