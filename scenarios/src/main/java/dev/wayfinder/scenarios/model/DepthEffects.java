package dev.wayfinder.scenarios.model;

/**
 * How an RGB-D camera's depth measurement departs from the true depth, per episode (the model of
 * structured-light and active-stereo cameras such as an Intel RealSense D435). Applied to the rendered
 * ground-truth depth of every frame; the result is what the camera delivers, in metres along the optical
 * axis with NaN where it has no valid measurement (REP-118).
 *
 * <p>Per pixel with true depth {@code z}, in this order:
 * <ol>
 *   <li>no return (nothing hit) gives NaN;</li>
 *   <li>edges: NaN when a 4-neighbour's true depth {@code zn} differs by more than
 *       {@code edgeThreshold * min(z, zn)} (a neighbour with no return counts as an edge);</li>
 *   <li>dropout: NaN with probability {@code dropoutFraction}, independently per pixel and frame;</li>
 *   <li>axial noise: {@code z + sigma(z) * N(0, 1)} with {@code sigma(z) = noiseBase + noiseQuadratic * z^2},
 *       independently per pixel and frame;</li>
 *   <li>quantization in disparity (inverse depth): {@code 1 / (round((1/z) / disparityStep) * disparityStep)},
 *       so the depth step at distance {@code z} is about {@code disparityStep * z^2}, as a stereo camera's
 *       sub-pixel disparity step gives;</li>
 *   <li>range: NaN when the measured depth lies outside [{@code minRange}, {@code maxRange}].</li>
 * </ol>
 *
 * @param noiseBase       {@code a} of {@code sigma(z) = a + b z^2}: axial noise standard deviation at zero
 *                        distance, metres, &gt;= 0
 * @param noiseQuadratic  {@code b} of {@code sigma(z) = a + b z^2}, 1/metre, &gt;= 0
 * @param disparityStep   quantization step of inverse depth, 1/metre, &gt;= 0 (0 = no quantization); the
 *                        depth step at {@code z} metres is about {@code disparityStep * z^2}
 * @param minRange        nearest valid measurement, metres, &gt;= 0
 * @param maxRange        farthest valid measurement, metres, &gt;= minRange; {@code +Infinity} = unlimited
 * @param edgeThreshold   relative depth difference to a 4-neighbour above which a pixel is invalid, &gt; 0;
 *                        {@code +Infinity} = no edge invalidation
 * @param dropoutFraction probability that a pixel is invalid in a frame, in [0, 1]
 */
public record DepthEffects(double noiseBase, double noiseQuadratic, double disparityStep, double minRange,
                           double maxRange, double edgeThreshold, double dropoutFraction) {
    /** A perfect depth camera: the true depth wherever something was hit, unlimited range. */
    public static final DepthEffects NOMINAL = new DepthEffects(0, 0, 0, 0, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, 0);

    public DepthEffects {
        Checks.nonNegative("noiseBase", noiseBase);
        Checks.nonNegative("noiseQuadratic", noiseQuadratic);
        Checks.nonNegative("disparityStep", disparityStep);
        Checks.nonNegative("minRange", minRange);
        if (Double.isNaN(maxRange) || maxRange == Double.NEGATIVE_INFINITY || maxRange < minRange) {
            throw new IllegalArgumentException("maxRange must be >= minRange (" + minRange
                    + ") or +Infinity, got " + maxRange);
        }
        if (!(edgeThreshold > 0)) {
            throw new IllegalArgumentException("edgeThreshold must be > 0 (+Infinity = off), got " + edgeThreshold);
        }
        Checks.range("dropoutFraction", dropoutFraction, 0, 1);
    }

    /** Standard deviation of the axial noise at {@code z} metres: {@code noiseBase + noiseQuadratic * z^2}, metres. */
    public double sigmaAt(double z) {
        return noiseBase + noiseQuadratic * z * z;
    }

    /** Whether this camera delivers the true depth (every pixel where something was hit, nothing else changed). */
    public boolean isNoiseFree() {
        return noiseBase == 0 && noiseQuadratic == 0 && disparityStep == 0 && minRange == 0
                && maxRange == Double.POSITIVE_INFINITY && edgeThreshold == Double.POSITIVE_INFINITY
                && dropoutFraction == 0;
    }
}
