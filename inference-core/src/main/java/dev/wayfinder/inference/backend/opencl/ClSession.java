package dev.wayfinder.inference.backend.opencl;

import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.backend.device.Launch;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;

import static org.lwjgl.opencl.CL10.*;

/**
 * One context's OpenCL state: an in-order queue, the device arena, one kernel object per launch with its arguments
 * set once, and a pinned staging buffer (allocated by the driver, mapped for the session's life) that inputs and
 * outputs travel through with non-blocking copies; a run waits once, at its end.
 */
final class ClSession implements DeviceSession {
    private final ClProgram program;
    private final long queue;
    private final long arena;
    private final long staging;
    private final ByteBuffer mapped;
    private final long[] kernels;
    private final PointerBuffer[] global;
    private final PointerBuffer[] local;
    private final DevicePlan.Range[] inputs;
    private final DevicePlan.Range[] outputs;
    private final FloatBuffer[] inStage;
    private final FloatBuffer[] outStage;
    /** Error texts, built once: a run allocates nothing on the Java heap. */
    private final String[] launchWhat;
    private final String[] inputWhat;
    private final String[] outputWhat;
    private boolean constantsLoaded;
    private boolean closed;

    ClSession(ClProgram program) throws DeviceException {
        this.program = program;
        ClRuntime rt = program.runtime;
        DevicePlan plan = program.plan;
        List<Launch> launches = program.layout.launches();
        inputs = plan.inputs().toArray(new DevicePlan.Range[0]);
        outputs = plan.outputs().toArray(new DevicePlan.Range[0]);
        kernels = new long[launches.size()];
        global = new PointerBuffer[launches.size()];
        local = new PointerBuffer[launches.size()];
        inStage = new FloatBuffer[inputs.length];
        outStage = new FloatBuffer[outputs.length];
        launchWhat = new String[launches.size()];
        for (int i = 0; i < launchWhat.length; i++) {
            launchWhat[i] = "clEnqueueNDRangeKernel " + launches.get(i).kernel();
        }
        inputWhat = new String[inputs.length];
        for (int i = 0; i < inputWhat.length; i++) {
            inputWhat[i] = "clEnqueueWriteBuffer (input " + i + ")";
        }
        outputWhat = new String[outputs.length];
        for (int i = 0; i < outputWhat.length; i++) {
            outputWhat[i] = "clEnqueueReadBuffer (output " + i + ")";
        }
        long q = 0, a = 0, s = 0;
        ByteBuffer m = null;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer e = stack.mallocInt(1);
            q = clCreateCommandQueue(rt.context, rt.device, 0, e);
            ClRuntime.check(e.get(0), "clCreateCommandQueue");
            a = clCreateBuffer(rt.context, CL_MEM_READ_WRITE, Math.max(4L, 4L * plan.arenaFloats()), e);
            ClRuntime.check(e.get(0), "clCreateBuffer (arena of " + plan.arenaFloats() + " floats)");
            long stageFloats = 0;
            for (DevicePlan.Range r : inputs) {
                stageFloats += r.size();
            }
            for (DevicePlan.Range r : outputs) {
                stageFloats += r.size();
            }
            long stageBytes = Math.max(4L, 4L * stageFloats);
            s = clCreateBuffer(rt.context, CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, stageBytes, e);
            ClRuntime.check(e.get(0), "clCreateBuffer (pinned staging)");
            m = clEnqueueMapBuffer(q, s, true, CL_MAP_READ | CL_MAP_WRITE, 0, stageBytes, null, null, e, null);
            ClRuntime.check(e.get(0), "clEnqueueMapBuffer (pinned staging)");
            m.order(ByteOrder.nativeOrder());
            int at = 0;
            for (int i = 0; i < inputs.length; i++) {
                inStage[i] = slice(m, at, inputs[i].size());
                at += inputs[i].size();
            }
            for (int i = 0; i < outputs.length; i++) {
                outStage[i] = slice(m, at, outputs[i].size());
                at += outputs[i].size();
            }
            for (int i = 0; i < kernels.length; i++) {
                Launch l = launches.get(i);
                kernels[i] = clCreateKernel(program.program, l.kernel(), e);
                ClRuntime.check(e.get(0), "clCreateKernel " + l.kernel());
                int idx = 0;
                for (Launch.Arg arg : l.args()) {
                    int err = switch (arg) {
                        case Launch.BufferArg b -> clSetKernelArg1p(kernels[i], idx, switch (b.buffer()) {
                            case ARENA -> a;
                            case WEIGHTS -> program.weights;
                            case QUANT -> program.quant;
                            case META -> program.meta;
                        });
                        case Launch.IntArg v -> clSetKernelArg1i(kernels[i], idx, v.value());
                        case Launch.FloatArg v -> clSetKernelArg1f(kernels[i], idx, v.value());
                    };
                    ClRuntime.check(err, "clSetKernelArg " + l.kernel() + " #" + idx);
                    idx++;
                }
                global[i] = MemoryUtil.memAllocPointer(3);
                local[i] = MemoryUtil.memAllocPointer(3);
                for (int d = 0; d < 3; d++) {
                    global[i].put(d, l.global()[d]);
                    local[i].put(d, l.local()[d]);
                }
            }
        } catch (DeviceException | RuntimeException e) {
            this.queue = q;
            this.arena = a;
            this.staging = s;
            this.mapped = m;
            close();
            throw e;
        }
        this.queue = q;
        this.arena = a;
        this.staging = s;
        this.mapped = m;
    }

    private static FloatBuffer slice(ByteBuffer b, int floatOffset, int floats) {
        return b.slice(4 * floatOffset, 4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void run(float[] hostArena) throws DeviceException {
        enqueueInputs(hostArena);
        for (int i = 0; i < kernels.length; i++) {
            ClRuntime.check(clEnqueueNDRangeKernel(queue, kernels[i], 3, null, global[i], local[i], null, null),
                    launchWhat[i]);
        }
        finishOutputs(hostArena);
    }

    private void enqueueInputs(float[] hostArena) throws DeviceException {
        if (closed) {
            throw new DeviceException("the OpenCL session was closed");
        }
        if (!constantsLoaded) {
            for (DevicePlan.Range r : program.plan.constants()) {
                FloatBuffer tmp = MemoryUtil.memAllocFloat(Math.max(1, r.size()));
                try {
                    tmp.put(hostArena, r.offset(), r.size()).flip();
                    ClRuntime.check(clEnqueueWriteBuffer(queue, arena, true, 4L * r.offset(), tmp, null, null),
                            "clEnqueueWriteBuffer (constants)");
                } finally {
                    MemoryUtil.memFree(tmp);
                }
            }
            constantsLoaded = true;
        }
        for (int i = 0; i < inputs.length; i++) {
            FloatBuffer st = inStage[i];
            st.clear();
            st.put(hostArena, inputs[i].offset(), inputs[i].size()).flip();
            ClRuntime.check(clEnqueueWriteBuffer(queue, arena, false, 4L * inputs[i].offset(), st, null, null),
                    inputWhat[i]);
        }
    }

    private void finishOutputs(float[] hostArena) throws DeviceException {
        for (int i = 0; i < outputs.length; i++) {
            outStage[i].clear();
            ClRuntime.check(clEnqueueReadBuffer(queue, arena, false, 4L * outputs[i].offset(), outStage[i], null, null),
                    outputWhat[i]);
        }
        ClRuntime.check(clFinish(queue), "clFinish (running the plan)");
        for (int i = 0; i < outputs.length; i++) {
            outStage[i].clear();
            outStage[i].get(hostArena, outputs[i].offset(), outputs[i].size());
        }
    }

    @Override
    public void profile(float[] hostArena, long[] nanos, int runs) throws DeviceException {
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            enqueueInputs(hostArena);
            for (int i = 0; i < kernels.length; i++) {
                ClRuntime.check(clEnqueueNDRangeKernel(queue, kernels[i], 3, null, global[i], local[i], null, null),
                        "clEnqueueNDRangeKernel");
                ClRuntime.check(clFinish(queue), "clFinish");
                long t1 = System.nanoTime();
                nanos[program.layout.stepOf(i)] += t1 - t0;
                t0 = t1;
            }
            finishOutputs(hostArena);
            if (nanos.length > 0) {
                nanos[nanos.length - 1] += System.nanoTime() - t0;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (queue != 0) {
            clFinish(queue);
        }
        for (int i = 0; i < kernels.length; i++) {
            if (kernels[i] != 0) {
                clReleaseKernel(kernels[i]);
            }
            MemoryUtil.memFree(global[i]);
            MemoryUtil.memFree(local[i]);
        }
        if (mapped != null) {
            clEnqueueUnmapMemObject(queue, staging, mapped, null, null);
            clFinish(queue);
        }
        if (staging != 0) {
            clReleaseMemObject(staging);
        }
        if (arena != 0) {
            clReleaseMemObject(arena);
        }
        if (queue != 0) {
            clReleaseCommandQueue(queue);
        }
    }
}
