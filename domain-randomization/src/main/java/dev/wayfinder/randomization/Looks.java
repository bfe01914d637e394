package dev.wayfinder.randomization;

import static dev.wayfinder.scenarios.model.RandomParameter.AMBIENT;
import static dev.wayfinder.scenarios.model.RandomParameter.BACKGROUND_HUE;
import static dev.wayfinder.scenarios.model.RandomParameter.BACKGROUND_SATURATION;
import static dev.wayfinder.scenarios.model.RandomParameter.BACKGROUND_VALUE;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_DEAD_PIXELS;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_EXPOSURE;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_FOV;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_GAMMA;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_JITTER_PITCH;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_JITTER_ROLL;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_JITTER_X;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_JITTER_Y;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_JITTER_YAW;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_JITTER_Z;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_MOTION_BLUR;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_NOISE;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_DROPOUT;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_EDGE_THRESHOLD;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_MAX_RANGE;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_MIN_RANGE;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_NOISE_BASE;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_NOISE_QUADRATIC;
import static dev.wayfinder.scenarios.model.RandomParameter.DEPTH_QUANTIZATION;
import static dev.wayfinder.scenarios.model.RandomParameter.FOG_DENSITY;
import static dev.wayfinder.scenarios.model.RandomParameter.LIGHT_AZIMUTH;
import static dev.wayfinder.scenarios.model.RandomParameter.LIGHT_COLOR_TEMPERATURE;
import static dev.wayfinder.scenarios.model.RandomParameter.LIGHT_ELEVATION;
import static dev.wayfinder.scenarios.model.RandomParameter.LIGHT_INTENSITY;

import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.DepthEffects;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.TextureKind;

/** The visual draws: lighting, background, materials, camera mount, field of view and image effects. */
final class Looks {
    /** Value ratio of a texture's second colour to its first when the scenario's material is solid. */
    static final double DEFAULT_SECOND_COLOUR_RATIO = 0.6;

    private Looks() {
    }

    static Lighting lighting(Draws d, Lighting l) {
        Rgb color = d.has(LIGHT_COLOR_TEMPERATURE)
                ? ColorTemperature.rgb(d.value(LIGHT_COLOR_TEMPERATURE, ColorTemperature.NEUTRAL_KELVIN))
                : l.color();
        Rgb background = hsv(d, l.background(), BACKGROUND_HUE, BACKGROUND_SATURATION, BACKGROUND_VALUE);
        return new Lighting(d.value(LIGHT_AZIMUTH, l.azimuth()), d.value(LIGHT_ELEVATION, l.elevation()), color,
                d.value(LIGHT_INTENSITY, l.intensity()), d.value(AMBIENT, l.ambient()), background,
                d.value(FOG_DENSITY, l.fogDensity()));
    }

    /** A colour with hue, saturation and value replaced by draws where the scenario randomizes them. */
    static Rgb hsv(Draws d, Rgb c, RandomParameter hue, RandomParameter sat, RandomParameter val, String... ids) {
        if (!d.has(hue) && !d.has(sat) && !d.has(val)) {
            return c;
        }
        double[] hsv = c.toHsv();
        return Rgb.fromHsv(d.value(hue, hsv[0], ids), d.value(sat, hsv[1], ids), d.value(val, hsv[2], ids));
    }

    /**
     * A material with colour, texture kind and texture scale drawn. The second texture colour follows the
     * drawn base colour: same hue and saturation, its value scaled by the scenario's value ratio of the two
     * colours (or {@link #DEFAULT_SECOND_COLOUR_RATIO} when the scenario's material has one colour).
     */
    static Material material(Draws d, Material m, RandomParameter hue, RandomParameter sat, RandomParameter val,
                             RandomParameter texture, RandomParameter scale, String... ids) {
        Rgb color = hsv(d, m.color(), hue, sat, val, ids);
        TextureKind kind = m.texture();
        if (d.has(texture)) {
            kind = TextureKind.values()[(int) d.value(texture, m.texture().ordinal(), ids)];
        }
        double texScale = d.value(scale, m.scale(), ids);
        Rgb color2 = m.color2();
        boolean oneColour = m.color2().equals(m.color());
        if (!color.equals(m.color()) || (oneColour && kind != m.texture())) {
            double[] base = m.color().toHsv();
            double[] second = m.color2().toHsv();
            double ratio = oneColour || base[2] == 0 ? DEFAULT_SECOND_COLOUR_RATIO : second[2] / base[2];
            double[] now = color.toHsv();
            color2 = Rgb.fromHsv(now[0], now[1], Math.min(1, now[2] * ratio));
        }
        return new Material(color, kind, color2, texScale);
    }

    static CameraSpec camera(Draws d, CameraSpec c) {
        Pose3 m = c.mount();
        Pose3 mount = new Pose3(m.x() + d.value(CAMERA_JITTER_X, 0), m.y() + d.value(CAMERA_JITTER_Y, 0),
                m.z() + d.value(CAMERA_JITTER_Z, 0), m.roll() + d.value(CAMERA_JITTER_ROLL, 0),
                m.pitch() + d.value(CAMERA_JITTER_PITCH, 0), m.yaw() + d.value(CAMERA_JITTER_YAW, 0));
        return c.withMount(mount).withHorizontalFov(d.value(CAMERA_FOV, c.horizontalFov()));
    }

    static CameraEffects effects(Draws d) {
        CameraEffects n = CameraEffects.NOMINAL;
        return new CameraEffects(d.value(CAMERA_NOISE, n.noiseStd()), d.value(CAMERA_EXPOSURE, n.exposure()),
                d.value(CAMERA_GAMMA, n.gamma()), d.value(CAMERA_MOTION_BLUR, n.motionBlur()),
                d.value(CAMERA_DEAD_PIXELS, n.deadPixelFraction()), depth(d));
    }

    /**
     * The depth camera's imperfections. Maximum range and edge threshold are unlimited (off) when not
     * randomized; when they are, a curriculum narrows their ranges toward the largest value (the most
     * lenient camera), since +Infinity cannot be a centre.
     */
    static DepthEffects depth(Draws d) {
        DepthEffects n = DepthEffects.NOMINAL;
        double maxRange = d.has(DEPTH_MAX_RANGE) ? d.value(DEPTH_MAX_RANGE, DEPTH_MAX_RANGE.domainMax())
                : n.maxRange();
        double edge = d.has(DEPTH_EDGE_THRESHOLD)
                ? d.value(DEPTH_EDGE_THRESHOLD, DEPTH_EDGE_THRESHOLD.domainMax()) : n.edgeThreshold();
        return new DepthEffects(d.value(DEPTH_NOISE_BASE, n.noiseBase()),
                d.value(DEPTH_NOISE_QUADRATIC, n.noiseQuadratic()), d.value(DEPTH_QUANTIZATION, n.disparityStep()),
                d.value(DEPTH_MIN_RANGE, n.minRange()), maxRange, edge, d.value(DEPTH_DROPOUT, n.dropoutFraction()));
    }
}
