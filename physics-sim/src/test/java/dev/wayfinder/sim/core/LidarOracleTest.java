package dev.wayfinder.sim.core;

import com.bulletphysics.collision.dispatch.CollisionWorld;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.sim.TestEpisodes;
import org.junit.jupiter.api.Test;

import javax.vecmath.Vector3f;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 2D lidar against JBullet's own ray test (the slow reference) on the same scene. */
class LidarOracleTest {
    @Test
    void planarLidarAgreesWithBulletRayTests() {
        World w = WorldCompiler.compile(TestEpisodes.clutter(Dynamics.NOMINAL));
        SimState s = new SimState(w);
        SplittableRandom rng = new SplittableRandom(42);
        LidarSpec spec = w.robot().lidar();
        int compared = 0;
        double sumDiff = 0;
        int grazing = 0;
        for (int t = 0; t < 40 && !s.halted(); t++) {
            Physics.step(w, s, rng.nextDouble(0, 0.4), rng.nextDouble(-1.5, 1.5));
            if (s.halted()) {
                break;
            }
            float[] ranges = s.lidarRanges();
            double yaw = s.robotYaw();
            float z = 0.1f;
            for (int i = 0; i < ranges.length; i++) {
                double a = yaw + spec.angle(i);
                Vector3f from = new Vector3f((float) s.robotX(), (float) s.robotY(), z);
                Vector3f to = new Vector3f((float) (s.robotX() + spec.rangeMax() * Math.cos(a)),
                        (float) (s.robotY() + spec.rangeMax() * Math.sin(a)), z);
                CollisionWorld.ClosestRayResultCallback cb = new CollisionWorld.ClosestRayResultCallback(from, to) {
                    @Override
                    public boolean needsCollision(com.bulletphysics.collision.broadphase.BroadphaseProxy proxy) {
                        return proxy.clientObject != s.scene.bodies[World.ROBOT] && super.needsCollision(proxy);
                    }
                };
                s.scene.dynamics.rayTest(from, to, cb);
                double expected = cb.hasHit() ? Math.max(spec.rangeMin(), cb.closestHitFraction * spec.rangeMax())
                        : spec.rangeMax();
                // Bullet's convex ray cast (GJK in float, with margins) lands within millimetres of the surface,
                // which becomes centimetres along a grazing ray.
                double diff = Math.abs(expected - ranges[i]);
                if (diff > 0.025) {
                    // A ray grazing a corner: accept when Bullet's hit point lies on our outline within 1.5 cm.
                    double hx = s.robotX() + expected * Math.cos(a);
                    double hy = s.robotY() + expected * Math.sin(a);
                    assertTrue(s.clearance(hx, hy) < 0.015, "step " + t + ", beam " + i + " (seed 42): Bullet "
                            + expected + " m, planar " + ranges[i] + " m, hit body "
                            + (cb.hasHit() ? cb.collisionObject.getUserPointer() : "none"));
                    grazing++;
                } else {
                    sumDiff += diff;
                }
                compared++;
            }
        }
        assertEquals(true, compared > 500, "compared " + compared + " beams");
        assertEquals(0, sumDiff / compared, 2e-3, "mean |difference| over " + compared + " beams");
        assertTrue(grazing * 50 < compared, grazing + " grazing beams of " + compared);
    }
}
