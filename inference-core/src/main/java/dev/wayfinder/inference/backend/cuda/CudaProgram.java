package dev.wayfinder.inference.backend.cuda;

import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DeviceLayout;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.backend.device.Launch;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;
import java.util.List;

import static org.lwjgl.cuda.CU.*;

/** A plan loaded on the CUDA device: the kernel functions of the cached module, and the plan's weights in device memory. */
final class CudaProgram implements DeviceProgram {
    final CudaRuntime runtime;
    final DevicePlan plan;
    final DeviceLayout layout;
    /** The CUfunction of each launch. */
    final long[] functions;
    final long weights;
    final long quant;
    final long meta;
    private boolean closed;

    CudaProgram(CudaRuntime runtime, DevicePlan plan) throws DeviceException {
        this.runtime = runtime;
        this.plan = plan;
        this.layout = DeviceLayout.of(plan);
        long module = runtime.module();
        List<Launch> launches = layout.launches();
        functions = new long[launches.size()];
        long w = 0, q = 0, m = 0;
        runtime.push();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer f = stack.mallocPointer(1);
            for (int i = 0; i < functions.length; i++) {
                CudaRuntime.check(cuModuleGetFunction(f, module, launches.get(i).kernel()),
                        "cuModuleGetFunction " + launches.get(i).kernel());
                functions[i] = f.get(0);
            }
            float[] wf = layout.weights();
            w = upload(wf.length * 4L, b -> b.asFloatBuffer().put(wf));
            byte[] qb = layout.quant();
            q = upload(qb.length, b -> b.put(qb));
            int[] mi = layout.meta();
            m = upload(mi.length * 4L, b -> b.asIntBuffer().put(mi));
        } catch (DeviceException | RuntimeException e) {
            free(w);
            free(q);
            free(m);
            throw e;
        } finally {
            runtime.pop();
        }
        this.weights = w;
        this.quant = q;
        this.meta = m;
    }

    private interface Fill {
        void into(ByteBuffer b);
    }

    /** Device memory of {@code bytes}, filled through a host buffer. Call with the context current. */
    private static long upload(long bytes, Fill fill) throws DeviceException {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer p = stack.mallocPointer(1);
            CudaRuntime.check(cuMemAlloc(p, bytes), "cuMemAlloc (" + bytes + " bytes of weights)");
            ByteBuffer host = MemoryUtil.memAlloc((int) bytes).order(java.nio.ByteOrder.nativeOrder());
            try {
                fill.into(host);
                host.clear();
                int err = cuMemcpyHtoD(p.get(0), host);
                if (err != CUDA_SUCCESS) {
                    cuMemFree(p.get(0));
                    CudaRuntime.check(err, "cuMemcpyHtoD (weights)");
                }
                return p.get(0);
            } finally {
                MemoryUtil.memFree(host);
            }
        }
    }

    private static void free(long ptr) {
        if (ptr != 0) {
            cuMemFree(ptr);
        }
    }

    @Override
    public DeviceSession newSession() throws DeviceException {
        synchronized (this) {
            if (closed) {
                throw new DeviceException("the CUDA program was closed");
            }
        }
        return new CudaSession(this);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            runtime.push();
        } catch (DeviceException e) {
            return; // the context is gone, and with it the memory
        }
        try {
            free(weights);
            free(quant);
            free(meta);
        } finally {
            runtime.pop();
        }
    }
}
