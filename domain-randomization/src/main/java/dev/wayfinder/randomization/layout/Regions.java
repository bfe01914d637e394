package dev.wayfinder.randomization.layout;

import dev.wayfinder.randomization.rng.Rng;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Vec2;

/** Uniform points in regions, with StrictMath only. */
public final class Regions {
    private Regions() {
    }

    /** A point drawn uniformly (by area) from {@code region}; consumes two values of {@code rng}. */
    public static Vec2 uniformPoint(Region region, Rng rng) {
        return switch (region) {
            case RectRegion r -> {
                Vec2 lo = r.min();
                Vec2 hi = r.max();
                yield new Vec2(rng.uniform(lo.x(), hi.x()), rng.uniform(lo.y(), hi.y()));
            }
            case CircleRegion c -> {
                double rho = c.radius() * StrictMath.sqrt(rng.nextDouble());
                double phi = 2 * StrictMath.PI * rng.nextDouble();
                yield new Vec2(c.center().x() + rho * StrictMath.cos(phi), c.center().y() + rho * StrictMath.sin(phi));
            }
        };
    }
}
