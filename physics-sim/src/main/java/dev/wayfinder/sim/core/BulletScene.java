package dev.wayfinder.sim.core;

import com.bulletphysics.collision.broadphase.DbvtBroadphase;
import com.bulletphysics.collision.broadphase.Dispatcher;
import com.bulletphysics.collision.dispatch.CollisionDispatcher;
import com.bulletphysics.collision.dispatch.CollisionFlags;
import com.bulletphysics.collision.dispatch.CollisionObject;
import com.bulletphysics.collision.dispatch.DefaultCollisionConfiguration;
import com.bulletphysics.collision.narrowphase.PersistentManifold;
import com.bulletphysics.collision.shapes.BoxShape;
import com.bulletphysics.collision.shapes.CollisionShape;
import com.bulletphysics.collision.shapes.CylinderShapeZ;
import com.bulletphysics.collision.shapes.StaticPlaneShape;
import com.bulletphysics.dynamics.DiscreteDynamicsWorld;
import com.bulletphysics.dynamics.RigidBody;
import com.bulletphysics.dynamics.RigidBodyConstructionInfo;
import com.bulletphysics.dynamics.constraintsolver.SequentialImpulseConstraintSolver;
import com.bulletphysics.linearmath.DefaultMotionState;
import com.bulletphysics.linearmath.Transform;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Shape;

import javax.vecmath.Quat4f;
import javax.vecmath.Vector3f;

/**
 * The JBullet side of a {@link SimState}: a fresh dynamics world per reset, so that no solver cache, pair
 * ordering or sleeping state leaks from one episode into the next (this keeps trajectories bit-identical).
 * Not thread-safe.
 */
final class BulletScene {
    /** Contact points nearer than this (metres) count as touching. */
    static final float TOUCH_DISTANCE = 0.002f;
    /** User pointer of the arena walls. */
    static final int WALL = -1;
    /** User pointer of the floor. */
    static final int FLOOR = -2;
    private static final float GRAVITY = 9.81f;

    final DiscreteDynamicsWorld dynamics;
    final RigidBody[] bodies;
    final RigidBody floor;
    private final Transform tmpTransform = new Transform();
    private final Quat4f tmpQuat = new Quat4f();
    private final Vector3f tmpVec = new Vector3f();

    BulletScene(World world, Pose2 robotStart) {
        DefaultCollisionConfiguration config = new DefaultCollisionConfiguration();
        dynamics = new DiscreteDynamicsWorld(new CollisionDispatcher(config), new DbvtBroadphase(),
                new SequentialImpulseConstraintSolver(), config);
        dynamics.setGravity(new Vector3f(0, 0, -GRAVITY));
        Arena arena = world.episode().arena();
        floor = addStatic(new StaticPlaneShape(new Vector3f(0, 0, 1), 0), 0, 0, 0, 0,
                (float) arena.floorFriction(), FLOOR);
        double t = arena.wallThickness();
        double h = arena.wallHeight();
        double hx = arena.halfX();
        double hy = arena.halfY();
        BoxShape ns = new BoxShape(new Vector3f((float) (hx + t), (float) (t / 2), (float) (h / 2)));
        BoxShape ew = new BoxShape(new Vector3f((float) (t / 2), (float) (hy + t), (float) (h / 2)));
        addStatic(ns, 0, hy + t / 2, h / 2, 0, 0.5f, WALL);
        addStatic(ns, 0, -hy - t / 2, h / 2, 0, 0.5f, WALL);
        addStatic(ew, hx + t / 2, 0, h / 2, 0, 0.5f, WALL);
        addStatic(ew, -hx - t / 2, 0, h / 2, 0, 0.5f, WALL);

        bodies = new RigidBody[world.bodyCount()];
        bodies[World.ROBOT] = addRobot(world, robotStart);
        for (int i = 1; i < world.bodyCount(); i++) {
            Obstacle o = world.bodies().get(i).obstacle().orElseThrow();
            CollisionShape shape = shapeOf(o.shape());
            double z = o.shape().height() / 2;
            float friction = (float) o.friction();
            bodies[i] = switch (o.kind()) {
                case STATIC -> addStatic(shape, o.pose().x(), o.pose().y(), z, o.pose().yaw(), friction, i);
                case PUSHABLE -> addDynamic(shape, o.pose().x(), o.pose().y(), z, o.pose().yaw(), friction, i,
                        (float) o.mass());
                case MOVING -> addKinematic(shape, o.pose().x(), o.pose().y(), z, o.pose().yaw(), friction, i);
            };
        }
    }

    private static CollisionShape shapeOf(Shape s) {
        return switch (s) {
            case Box b -> new BoxShape(new Vector3f((float) (b.size().x() / 2), (float) (b.size().y() / 2),
                    (float) (b.size().z() / 2)));
            case Cylinder c -> new CylinderShapeZ(new Vector3f((float) c.radius(), (float) c.radius(),
                    (float) (c.height() / 2)));
        };
    }

    private Transform transform(double x, double y, double z, double yaw) {
        Transform tr = new Transform();
        tr.setIdentity();
        tr.origin.set((float) x, (float) y, (float) z);
        Quat4f q = new Quat4f(0, 0, (float) Math.sin(yaw / 2), (float) Math.cos(yaw / 2));
        tr.setRotation(q);
        return tr;
    }

    private RigidBody addStatic(CollisionShape shape, double x, double y, double z, double yaw, float friction,
                                int id) {
        RigidBodyConstructionInfo info = new RigidBodyConstructionInfo(0, new DefaultMotionState(
                transform(x, y, z, yaw)), shape, new Vector3f());
        info.friction = friction;
        RigidBody b = new RigidBody(info);
        b.setUserPointer(id);
        dynamics.addRigidBody(b);
        return b;
    }

    private RigidBody addDynamic(CollisionShape shape, double x, double y, double z, double yaw, float friction,
                                 int id, float mass) {
        Vector3f inertia = new Vector3f();
        shape.calculateLocalInertia(mass, inertia);
        RigidBodyConstructionInfo info = new RigidBodyConstructionInfo(mass, new DefaultMotionState(
                transform(x, y, z, yaw)), shape, inertia);
        info.friction = friction;
        RigidBody b = new RigidBody(info);
        b.setUserPointer(id);
        dynamics.addRigidBody(b);
        return b;
    }

    private RigidBody addKinematic(CollisionShape shape, double x, double y, double z, double yaw, float friction,
                                   int id) {
        RigidBody b = addStatic(shape, x, y, z, yaw, friction, id);
        b.setCollisionFlags(b.getCollisionFlags() | CollisionFlags.KINEMATIC_OBJECT);
        b.setActivationState(CollisionObject.DISABLE_DEACTIVATION);
        return b;
    }

    private RigidBody addRobot(World world, Pose2 start) {
        Shape s = world.bodies().get(World.ROBOT).shape();
        CollisionShape shape = shapeOf(s);
        float mass = (float) world.robot().mass();
        Vector3f inertia = new Vector3f();
        shape.calculateLocalInertia(mass, inertia);
        // Roll and pitch are locked (zero inverse inertia): the wheels keep the base flat on the floor.
        inertia.x = 0;
        inertia.y = 0;
        RigidBodyConstructionInfo info = new RigidBodyConstructionInfo(mass, new DefaultMotionState(
                transform(start.x(), start.y(), s.height() / 2, start.yaw())), shape, inertia);
        // Floor traction is modelled by Physics; Bullet friction on the robot would double-count it.
        info.friction = 0;
        info.restitution = 0;
        RigidBody b = new RigidBody(info);
        b.setUserPointer(World.ROBOT);
        b.setActivationState(CollisionObject.DISABLE_DEACTIVATION);
        dynamics.addRigidBody(b);
        return b;
    }

    /** Moves kinematic body {@code i} to (x, y) for the coming substep, keeping its height and yaw. */
    void moveKinematic(int i, double x, double y) {
        RigidBody b = bodies[i];
        DefaultMotionState ms = (DefaultMotionState) b.getMotionState();
        ms.graphicsWorldTrans.origin.x = (float) x;
        ms.graphicsWorldTrans.origin.y = (float) y;
    }

    /**
     * Body index of the first thing the robot touches (other than the floor), {@link #WALL} for a wall, or
     * {@link Integer#MIN_VALUE} when it touches nothing.
     */
    int robotContact() {
        Dispatcher d = dynamics.getDispatcher();
        RigidBody robot = bodies[World.ROBOT];
        int n = d.getNumManifolds();
        for (int i = 0; i < n; i++) {
            PersistentManifold m = d.getManifoldByIndexInternal(i);
            Object b0 = m.getBody0();
            Object b1 = m.getBody1();
            Object other;
            if (b0 == robot) {
                other = b1;
            } else if (b1 == robot) {
                other = b0;
            } else {
                continue;
            }
            if (other == floor) {
                continue;
            }
            for (int j = 0, c = m.getNumContacts(); j < c; j++) {
                if (m.getContactPoint(j).getDistance() < TOUCH_DISTANCE) {
                    return (Integer) ((CollisionObject) other).getUserPointer();
                }
            }
        }
        return Integer.MIN_VALUE;
    }

    /**
     * Every point where two bodies touch now (within {@link #TOUCH_DISTANCE}), the floor left out (everything rests on
     * it): x, y, z of the point on the second body of its pair and the unit normal there, pointing at the first, 6
     * values each.
     */
    float[] contacts() {
        Dispatcher d = dynamics.getDispatcher();
        float[] out = NO_CONTACTS;
        int used = 0;
        for (int i = 0, n = d.getNumManifolds(); i < n; i++) {
            PersistentManifold m = d.getManifoldByIndexInternal(i);
            if (m.getBody0() == floor || m.getBody1() == floor) {
                continue;
            }
            for (int j = 0, c = m.getNumContacts(); j < c; j++) {
                var p = m.getContactPoint(j);
                if (p.getDistance() >= TOUCH_DISTANCE) {
                    continue;
                }
                if (used + 6 > out.length) {
                    out = java.util.Arrays.copyOf(out, Math.max(24, 2 * out.length));
                }
                out[used++] = p.positionWorldOnB.x;
                out[used++] = p.positionWorldOnB.y;
                out[used++] = p.positionWorldOnB.z;
                out[used++] = p.normalWorldOnB.x;
                out[used++] = p.normalWorldOnB.y;
                out[used++] = p.normalWorldOnB.z;
            }
        }
        return used == out.length ? out : java.util.Arrays.copyOf(out, used);
    }

    /** What {@link #contacts} gives when nothing touches (shared: it has nothing to change). */
    static final float[] NO_CONTACTS = new float[0];

    /** Writes body {@code i}'s pose as (x, y, z, qx, qy, qz, qw) into {@code out[at..at+6]}. */
    void readPose(int i, double[] out, int at) {
        bodies[i].getWorldTransform(tmpTransform);
        tmpTransform.getRotation(tmpQuat);
        out[at] = tmpTransform.origin.x;
        out[at + 1] = tmpTransform.origin.y;
        out[at + 2] = tmpTransform.origin.z;
        out[at + 3] = tmpQuat.x;
        out[at + 4] = tmpQuat.y;
        out[at + 5] = tmpQuat.z;
        out[at + 6] = tmpQuat.w;
    }

    /** Writes body {@code i}'s linear velocity (x, y, z) and yaw rate into {@code out[at..at+3]}. */
    void readVelocity(int i, double[] out, int at) {
        bodies[i].getLinearVelocity(tmpVec);
        out[at] = tmpVec.x;
        out[at + 1] = tmpVec.y;
        out[at + 2] = tmpVec.z;
        bodies[i].getAngularVelocity(tmpVec);
        out[at + 3] = tmpVec.z;
    }

    /** Sets the robot's planar velocity (world frame) and yaw rate, keeping its vertical velocity. */
    void driveRobot(double vx, double vy, double wz) {
        RigidBody r = bodies[World.ROBOT];
        r.getLinearVelocity(tmpVec);
        tmpVec.x = (float) vx;
        tmpVec.y = (float) vy;
        r.setLinearVelocity(tmpVec);
        tmpVec.set(0, 0, (float) wz);
        r.setAngularVelocity(tmpVec);
    }

    void stepOnce(double seconds) {
        dynamics.stepSimulation((float) seconds, 0);
    }
}
