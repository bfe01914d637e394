package dev.wayfinder.inference.backend.cuda;

import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.backend.device.Launch;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;

import static org.lwjgl.cuda.CU.*;

/**
 * One context's CUDA state: a non-blocking stream, the device arena, page-locked staging memory for inputs and
 * outputs, each launch's parameter block, and the whole plan captured once as a CUDA graph (copy inputs in, every
 * kernel, copy outputs out), so that a run costs one graph launch and one stream synchronization.
 */
final class CudaSession implements DeviceSession {
    private final CudaProgram program;
    private final CudaRuntime rt;
    private final long stream;
    private final long arena;
    private final long staging;
    private final FloatBuffer[] inStage;
    private final FloatBuffer[] outStage;
    private final DevicePlan.Range[] inputs;
    private final DevicePlan.Range[] outputs;
    /** Per launch: the argument values and the array of pointers to them that cuLaunchKernel reads. */
    private final ByteBuffer[] argValues;
    private final PointerBuffer[] argPointers;
    private final Launch[] launches;
    private long graph;
    private long exec;
    private boolean constantsLoaded;
    private boolean closed;

    CudaSession(CudaProgram program) throws DeviceException {
        this.program = program;
        this.rt = program.runtime;
        DevicePlan plan = program.plan;
        List<Launch> launches = program.layout.launches();
        inputs = plan.inputs().toArray(new DevicePlan.Range[0]);
        outputs = plan.outputs().toArray(new DevicePlan.Range[0]);
        inStage = new FloatBuffer[inputs.length];
        outStage = new FloatBuffer[outputs.length];
        this.launches = launches.toArray(new Launch[0]);
        argValues = new ByteBuffer[launches.size()];
        argPointers = new PointerBuffer[launches.size()];
        long s = 0, a = 0, h = 0;
        rt.push();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer p = stack.mallocPointer(1);
            CudaRuntime.check(cuStreamCreate(p, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            s = p.get(0);
            CudaRuntime.check(cuMemAlloc(p, Math.max(4L, 4L * plan.arenaFloats())),
                    "cuMemAlloc (arena of " + plan.arenaFloats() + " floats)");
            a = p.get(0);
            long stageFloats = 0;
            for (DevicePlan.Range r : inputs) {
                stageFloats += r.size();
            }
            for (DevicePlan.Range r : outputs) {
                stageFloats += r.size();
            }
            CudaRuntime.check(cuMemAllocHost(p, Math.max(4L, 4L * stageFloats)), "cuMemAllocHost (pinned staging)");
            h = p.get(0);
            long at = h;
            for (int i = 0; i < inputs.length; i++) {
                inStage[i] = MemoryUtil.memFloatBuffer(at, inputs[i].size());
                at += 4L * inputs[i].size();
            }
            for (int i = 0; i < outputs.length; i++) {
                outStage[i] = MemoryUtil.memFloatBuffer(at, outputs[i].size());
                at += 4L * outputs[i].size();
            }
            for (int i = 0; i < launches.size(); i++) {
                List<Launch.Arg> args = launches.get(i).args();
                argValues[i] = MemoryUtil.memCalloc(8 * Math.max(1, args.size()));
                argPointers[i] = MemoryUtil.memAllocPointer(Math.max(1, args.size()));
                for (int j = 0; j < args.size(); j++) {
                    int off = 8 * j;
                    switch (args.get(j)) {
                        case Launch.BufferArg b -> argValues[i].putLong(off, switch (b.buffer()) {
                            case ARENA -> a;
                            case WEIGHTS -> program.weights;
                            case QUANT -> program.quant;
                            case META -> program.meta;
                        });
                        case Launch.IntArg v -> argValues[i].putInt(off, v.value());
                        case Launch.FloatArg v -> argValues[i].putFloat(off, v.value());
                    }
                    argPointers[i].put(j, MemoryUtil.memAddress(argValues[i]) + off);
                }
            }
        } catch (DeviceException | RuntimeException e) {
            this.stream = s;
            this.arena = a;
            this.staging = h;
            rt.pop();
            close();
            throw e;
        }
        this.stream = s;
        this.arena = a;
        this.staging = h;
        try {
            capture();
        } catch (DeviceException | RuntimeException e) {
            rt.pop();
            close();
            throw e;
        }
        rt.pop();
    }

    /** Records copies in, every kernel and copies out on the stream as one graph, and instantiates it. */
    private void capture() throws DeviceException {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            CudaRuntime.check(cuStreamBeginCapture_v2(stream, CU_STREAM_CAPTURE_MODE_THREAD_LOCAL), "cuStreamBeginCapture");
            int err = enqueueAll();
            PointerBuffer g = stack.mallocPointer(1);
            int end = cuStreamEndCapture(stream, g);
            CudaRuntime.check(err, "capturing the plan");
            CudaRuntime.check(end, "cuStreamEndCapture");
            graph = g.get(0);
            PointerBuffer e = stack.mallocPointer(1);
            CudaRuntime.check(cuGraphInstantiateWithFlags(e, graph, 0), "cuGraphInstantiateWithFlags");
            exec = e.get(0);
        }
    }

    /** Enqueues the whole plan on the stream; returns the first error code (CUDA_SUCCESS when none). */
    private int enqueueAll() {
        for (int i = 0; i < inputs.length; i++) {
            inStage[i].clear();
            int err = cuMemcpyHtoDAsync(arena + 4L * inputs[i].offset(), inStage[i], stream);
            if (err != CUDA_SUCCESS) {
                return err;
            }
        }
        for (int i = 0; i < argPointers.length; i++) {
            int err = launch(i);
            if (err != CUDA_SUCCESS) {
                return err;
            }
        }
        for (int i = 0; i < outputs.length; i++) {
            outStage[i].clear();
            int err = cuMemcpyDtoHAsync(outStage[i], arena + 4L * outputs[i].offset(), stream);
            if (err != CUDA_SUCCESS) {
                return err;
            }
        }
        return CUDA_SUCCESS;
    }

    private int launch(int i) {
        Launch l = launches[i];
        return cuLaunchKernel(program.functions[i], l.blocks(0), l.blocks(1), l.blocks(2), l.local()[0], l.local()[1],
                l.local()[2], 0, stream, argPointers[i], null);
    }

    private void stageInputs(float[] hostArena) throws DeviceException {
        if (closed) {
            throw new DeviceException("the CUDA session was closed");
        }
        if (!constantsLoaded) {
            for (DevicePlan.Range r : program.plan.constants()) {
                FloatBuffer tmp = MemoryUtil.memAllocFloat(Math.max(1, r.size()));
                try {
                    tmp.put(hostArena, r.offset(), r.size()).flip();
                    CudaRuntime.check(cuMemcpyHtoD(arena + 4L * r.offset(), tmp), "cuMemcpyHtoD (constants)");
                } finally {
                    MemoryUtil.memFree(tmp);
                }
            }
            constantsLoaded = true;
        }
        for (int i = 0; i < inputs.length; i++) {
            inStage[i].clear();
            inStage[i].put(hostArena, inputs[i].offset(), inputs[i].size());
        }
    }

    private void unstageOutputs(float[] hostArena) {
        for (int i = 0; i < outputs.length; i++) {
            outStage[i].clear();
            outStage[i].get(hostArena, outputs[i].offset(), outputs[i].size());
        }
    }

    @Override
    public void run(float[] hostArena) throws DeviceException {
        rt.push();
        try {
            stageInputs(hostArena);
            CudaRuntime.check(cuGraphLaunch(exec, stream), "cuGraphLaunch");
            CudaRuntime.check(cuStreamSynchronize(stream), "cuStreamSynchronize (running the plan)");
            unstageOutputs(hostArena);
        } finally {
            rt.pop();
        }
    }

    @Override
    public void profile(float[] hostArena, long[] nanos, int runs) throws DeviceException {
        rt.push();
        try {
            for (int r = 0; r < runs; r++) {
                stageInputs(hostArena);
                long t0 = System.nanoTime();
                for (int i = 0; i < inputs.length; i++) {
                    inStage[i].clear();
                    CudaRuntime.check(cuMemcpyHtoDAsync(arena + 4L * inputs[i].offset(), inStage[i], stream), "cuMemcpyHtoDAsync");
                }
                for (int i = 0; i < argPointers.length; i++) {
                    CudaRuntime.check(launch(i), "cuLaunchKernel " + launches[i].kernel());
                    CudaRuntime.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
                    long t1 = System.nanoTime();
                    nanos[program.layout.stepOf(i)] += t1 - t0;
                    t0 = t1;
                }
                for (int i = 0; i < outputs.length; i++) {
                    outStage[i].clear();
                    CudaRuntime.check(cuMemcpyDtoHAsync(outStage[i], arena + 4L * outputs[i].offset(), stream), "cuMemcpyDtoHAsync");
                }
                CudaRuntime.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
                if (nanos.length > 0) {
                    nanos[nanos.length - 1] += System.nanoTime() - t0;
                }
                unstageOutputs(hostArena);
            }
        } finally {
            rt.pop();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean current;
        try {
            rt.push();
            current = true;
        } catch (DeviceException e) {
            current = false;
        }
        try {
            if (current) {
                if (stream != 0) {
                    cuStreamSynchronize(stream);
                }
                if (exec != 0) {
                    cuGraphExecDestroy(exec);
                }
                if (graph != 0) {
                    cuGraphDestroy(graph);
                }
                if (stream != 0) {
                    cuStreamDestroy(stream);
                }
                if (arena != 0) {
                    cuMemFree(arena);
                }
                if (staging != 0) {
                    cuMemFreeHost(MemoryUtil.memByteBuffer(staging, 1));
                }
            }
            for (int i = 0; i < argValues.length; i++) {
                MemoryUtil.memFree(argValues[i]);
                MemoryUtil.memFree(argPointers[i]);
            }
        } finally {
            if (current) {
                rt.pop();
            }
        }
    }
}
