package dev.wayfinder.scenarios.model;

/**
 * Image degradations applied to each rendered camera frame of an episode: to the colour image and, through
 * {@link #depth()}, to the depth image the camera delivers (the ground-truth depth stays available to
 * privileged code).
 *
 * @param noiseStd          standard deviation of additive Gaussian pixel noise, in [0, 1] of full scale
 * @param exposure          multiplicative brightness gain, &gt; 0 (1 = unchanged)
 * @param gamma             output gamma exponent, &gt; 0 (1 = unchanged)
 * @param motionBlur        blend weight of the previous frame, in [0, 1) (0 = none)
 * @param deadPixelFraction fraction of pixels stuck at black, in [0, 1]
 * @param depth             the depth camera's noise, quantization, range and invalid pixels
 */
public record CameraEffects(double noiseStd, double exposure, double gamma, double motionBlur,
                            double deadPixelFraction, DepthEffects depth) {
    /** A perfect camera. */
    public static final CameraEffects NOMINAL = new CameraEffects(0, 1, 1, 0, 0, DepthEffects.NOMINAL);

    public CameraEffects {
        Checks.range("noiseStd", noiseStd, 0, 1);
        Checks.positive("exposure", exposure);
        Checks.positive("gamma", gamma);
        Checks.range("motionBlur", motionBlur, 0, 0.999);
        Checks.range("deadPixelFraction", deadPixelFraction, 0, 1);
        Checks.notNull("depth", depth);
    }

    /** Colour effects with a perfect depth camera ({@link DepthEffects#NOMINAL}). */
    public CameraEffects(double noiseStd, double exposure, double gamma, double motionBlur,
                         double deadPixelFraction) {
        this(noiseStd, exposure, gamma, motionBlur, deadPixelFraction, DepthEffects.NOMINAL);
    }

    /** These colour effects with {@code depth} for the depth image. */
    public CameraEffects withDepth(DepthEffects depth) {
        return new CameraEffects(noiseStd, exposure, gamma, motionBlur, deadPixelFraction, depth);
    }
}
