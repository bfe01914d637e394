package dev.wayfinder.scenarios.model;

/**
 * Image degradations applied to each rendered camera frame of an episode.
 *
 * @param noiseStd          standard deviation of additive Gaussian pixel noise, in [0, 1] of full scale
 * @param exposure          multiplicative brightness gain, &gt; 0 (1 = unchanged)
 * @param gamma             output gamma exponent, &gt; 0 (1 = unchanged)
 * @param motionBlur        blend weight of the previous frame, in [0, 1) (0 = none)
 * @param deadPixelFraction fraction of pixels stuck at black, in [0, 1]
 */
public record CameraEffects(double noiseStd, double exposure, double gamma, double motionBlur,
                            double deadPixelFraction) {
    /** A perfect camera. */
    public static final CameraEffects NOMINAL = new CameraEffects(0, 1, 1, 0, 0);

    public CameraEffects {
        Checks.range("noiseStd", noiseStd, 0, 1);
        Checks.positive("exposure", exposure);
        Checks.positive("gamma", gamma);
        Checks.range("motionBlur", motionBlur, 0, 0.999);
        Checks.range("deadPixelFraction", deadPixelFraction, 0, 1);
    }
}
