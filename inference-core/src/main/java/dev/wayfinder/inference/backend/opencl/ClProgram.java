package dev.wayfinder.inference.backend.opencl;

import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DeviceLayout;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.backend.device.KernelSource;
import org.lwjgl.system.MemoryStack;

import java.nio.IntBuffer;

import static org.lwjgl.opencl.CL10.*;

/** A plan loaded on the OpenCL device: the cached program, and the plan's weights, int8 weights and metadata. */
final class ClProgram implements DeviceProgram {
    final ClRuntime runtime;
    final DevicePlan plan;
    final DeviceLayout layout;
    final long program;
    final long weights;
    final long quant;
    final long meta;
    private boolean closed;

    ClProgram(ClRuntime runtime, DevicePlan plan) throws DeviceException {
        this.runtime = runtime;
        this.plan = plan;
        this.layout = DeviceLayout.of(plan);
        this.program = runtime.program(KernelSource.program(KernelSource.Dialect.OPENCL), "");
        long w = 0, q = 0, m = 0;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer e = stack.mallocInt(1);
            float[] wf = layout.weights();
            w = buffer(runtime, wf.length * 4, b -> b.asFloatBuffer().put(wf), e, "weights");
            byte[] qb = layout.quant();
            q = buffer(runtime, qb.length, b -> b.put(qb), e, "int8 weights");
            int[] mi = layout.meta();
            m = buffer(runtime, mi.length * 4, b -> b.asIntBuffer().put(mi), e, "metadata");
        } catch (DeviceException | RuntimeException e) {
            release(w);
            release(q);
            release(m);
            throw e;
        }
        this.weights = w;
        this.quant = q;
        this.meta = m;
    }

    private interface Fill {
        void into(java.nio.ByteBuffer b);
    }

    /** A read-only device buffer of {@code bytes}, filled through a host buffer. */
    private static long buffer(ClRuntime runtime, int bytes, Fill fill, IntBuffer e, String what) throws DeviceException {
        java.nio.ByteBuffer host = org.lwjgl.system.MemoryUtil.memAlloc(bytes).order(java.nio.ByteOrder.nativeOrder());
        try {
            fill.into(host);
            host.clear();
            long mem = clCreateBuffer(runtime.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, host, e);
            ClRuntime.check(e.get(0), "clCreateBuffer (" + what + ", " + bytes + " bytes)");
            return mem;
        } finally {
            org.lwjgl.system.MemoryUtil.memFree(host);
        }
    }

    private static void release(long mem) {
        if (mem != 0) {
            clReleaseMemObject(mem);
        }
    }

    @Override
    public DeviceSession newSession() throws DeviceException {
        synchronized (this) {
            if (closed) {
                throw new DeviceException("the OpenCL program was closed");
            }
        }
        return new ClSession(this);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release(weights);
            release(quant);
            release(meta);
        }
    }
}
