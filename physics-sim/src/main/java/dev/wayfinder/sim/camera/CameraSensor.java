package dev.wayfinder.sim.camera;

import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;

/**
 * A camera on the robot: renders the world as the robot's RGB-D camera delivers it in the current state.
 * Implemented by the renderer module (OpenGL); physics-sim only calls it. A sensor is created for one camera
 * ({@link #info()}) and may serve any number of worlds; it owns native resources until {@link #close()}.
 *
 * <p>What a renderer needs: static geometry and looks from {@link World#episode()} (arena, walls, floor,
 * obstacle shapes and materials, lighting) and {@link World#bodies()} (one {@link dev.wayfinder.sim.core.Body}
 * per robot/obstacle with its segmentation id); the poses the camera sees from
 * {@link SimState#cameraBodyPose(int, double[])} (the current poses, or those the episode's camera latency
 * earlier), for moving and pushable obstacles and the robot at body index {@link World#ROBOT}; the camera
 * pose is {@code robot pose * info().mount()}. Applying {@code episode().cameraEffects()} is the sensor's job:
 * the colour effects to {@link CameraFrame#rgb()}, and the depth effects through a {@link DepthNoiseModel}
 * seeded with the episode seed from the ground-truth {@link CameraFrame#depth()} into
 * {@link CameraFrame#measuredDepth()}. The robot camera does not show the goal marker: a robot sees no goal.
 *
 * <p>Thread-safety: implementations need not be thread-safe; use one sensor per thread.
 */
public interface CameraSensor extends AutoCloseable {
    /** The camera this sensor renders for; {@link #capture} requires a frame of this size. */
    CameraInfo info();

    /**
     * Renders the view the camera delivers now into {@code out}, overwriting all its arrays (ground-truth and
     * measured depth included) and setting its stamp to {@link SimState#cameraStampNanos()}, the time the view
     * shows. Does not modify {@code world} or {@code state}.
     *
     * @throws IllegalArgumentException if {@code out} was made for another size
     */
    void capture(World world, SimState state, CameraFrame out);

    /** Releases native resources; idempotent. */
    @Override
    void close();
}
