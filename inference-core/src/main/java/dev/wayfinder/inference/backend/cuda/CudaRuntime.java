package dev.wayfinder.inference.backend.cuda;

import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.KernelSource;
import dev.wayfinder.inference.backend.device.NativeLibraries;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.Platform;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.lwjgl.cuda.CU.*;
import static org.lwjgl.cuda.NVRTC.*;

/**
 * The process's CUDA device 0: its context (made current only around each call, so any thread may use it) and the
 * module cache (one NVRTC build per source text and options, loaded once). Thread-safe.
 */
final class CudaRuntime {
    private static CudaRuntime instance;

    final int device;
    final long context;
    private final String description;
    private final String arch;
    private final Map<String, Long> modules = new HashMap<>();

    private CudaRuntime(int device, long context, String description, String arch) {
        this.device = device;
        this.context = context;
        this.description = description;
        this.arch = arch;
    }

    static synchronized CudaRuntime get() throws DeviceException {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static CudaRuntime start() throws DeviceException {
        // The driver ships libcuda.so.1; the unversioned name LWJGL asks for comes only with development packages.
        if (Platform.get() == Platform.LINUX && Configuration.CUDA_LIBRARY_NAME.get() == null) {
            String driver = NativeLibraries.find(List.of(), "libcuda.so.1", "libcuda.so");
            if (driver == null) {
                throw new DeviceException("no CUDA driver (libcuda.so.1 is not installed); the CUDA backend needs an NVIDIA"
                        + " GPU with its driver");
            }
            Configuration.CUDA_LIBRARY_NAME.set(driver);
        }
        if (Platform.get() == Platform.LINUX && Configuration.CUDA_NVRTC_LIBRARY_NAME.get() == null) {
            List<Path> toolkit = new ArrayList<>();
            for (String env : new String[] {"CUDA_PATH", "CUDA_HOME"}) {
                String v = System.getenv(env);
                if (v != null && !v.isBlank()) {
                    toolkit.add(Path.of(v, "lib64"));
                    toolkit.add(Path.of(v, "lib"));
                }
            }
            toolkit.add(Path.of("/usr/local/cuda/lib64"));
            toolkit.add(Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));
            String nvrtc = NativeLibraries.find(toolkit, "libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2");
            if (nvrtc == null) {
                throw new DeviceException("NVRTC (libnvrtc.so) was not found: install the CUDA toolkit's NVRTC and set"
                        + " CUDA_PATH, or pass -Dorg.lwjgl.cuda.nvrtc.libname=/path/to/libnvrtc.so");
            }
            Configuration.CUDA_NVRTC_LIBRARY_NAME.set(nvrtc);
            if (Configuration.CUDA_NVRTC_BUILTINS_LIBRARY_NAME.get() == null) {
                String builtins = NativeLibraries.find(List.of(Path.of(nvrtc).getParent()), true, "libnvrtc-builtins.so");
                if (builtins != null) {
                    Configuration.CUDA_NVRTC_BUILTINS_LIBRARY_NAME.set(builtins);
                }
            }
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            int err;
            try {
                err = cuInit(0);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                throw new DeviceException("no CUDA driver (libcuda.so.1 could not be loaded: " + e.getMessage()
                        + "); the CUDA backend needs an NVIDIA GPU with its driver");
            }
            if (err == 100) { // CUDA_ERROR_NO_DEVICE
                throw new DeviceException("the CUDA driver found no GPU (CUDA_ERROR_NO_DEVICE)");
            }
            check(err, "cuInit");
            IntBuffer n = stack.mallocInt(1);
            check(cuDeviceGetCount(n), "cuDeviceGetCount");
            if (n.get(0) == 0) {
                throw new DeviceException("the CUDA driver found no GPU");
            }
            IntBuffer dev = stack.mallocInt(1);
            check(cuDeviceGet(dev, 0), "cuDeviceGet");
            int device = dev.get(0);
            IntBuffer major = stack.mallocInt(1);
            IntBuffer minor = stack.mallocInt(1);
            check(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device), "cuDeviceGetAttribute");
            check(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device), "cuDeviceGetAttribute");
            ByteBuffer name = stack.calloc(256);
            check(cuDeviceGetName(name, device), "cuDeviceGetName");
            IntBuffer version = stack.mallocInt(1);
            check(cuDriverGetVersion(version), "cuDriverGetVersion");
            String nvrtc;
            try {
                IntBuffer vmaj = stack.mallocInt(1);
                IntBuffer vmin = stack.mallocInt(1);
                nvrtcCheck(nvrtcVersion(vmaj, vmin), "nvrtcVersion");
                nvrtc = vmaj.get(0) + "." + vmin.get(0);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                throw new DeviceException("NVRTC could not be loaded (" + e.getMessage() + "); install the CUDA toolkit's"
                        + " NVRTC and point CUDA_PATH at the toolkit, or pass -Dorg.lwjgl.cuda.nvrtc.libname=/path/to/"
                        + "libnvrtc.so");
            }
            PointerBuffer ctx = stack.mallocPointer(1);
            check(cuCtxCreate(ctx, 0, device), "cuCtxCreate");
            PointerBuffer popped = stack.mallocPointer(1);
            check(cuCtxPopCurrent(popped), "cuCtxPopCurrent");
            String arch = "compute_" + major.get(0) + minor.get(0);
            String description = MemoryUtil.memUTF8(MemoryUtil.memAddress(name)) + " (compute capability " + major.get(0)
                    + "." + minor.get(0) + ", driver API " + version.get(0) / 1000 + "." + version.get(0) % 1000 / 10
                    + ", NVRTC " + nvrtc + ")";
            return new CudaRuntime(device, ctx.get(0), description, arch);
        }
    }

    String describe() {
        return description;
    }

    DeviceProgram load(DevicePlan plan) throws DeviceException {
        return new CudaProgram(this, plan);
    }

    /** Makes the context current on the calling thread; pair with {@link #pop()}. */
    void push() throws DeviceException {
        check(cuCtxPushCurrent(context), "cuCtxPushCurrent");
    }

    void pop() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            cuCtxPopCurrent(stack.mallocPointer(1));
        }
    }

    /** The loaded module of the kernel program, built by NVRTC on first use (the build log in the error). */
    synchronized long module() throws DeviceException {
        String options = "--gpu-architecture=" + arch;
        String source = KernelSource.program(KernelSource.Dialect.CUDA);
        String key = options + "\n" + source;
        Long cached = modules.get(key);
        if (cached != null) {
            return cached;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer prog = stack.mallocPointer(1);
            nvrtcCheck(nvrtcCreateProgram(prog, source, "wayfinder_kernels.cu", null, null), "nvrtcCreateProgram");
            long p = prog.get(0);
            try {
                PointerBuffer opts = stack.mallocPointer(1);
                opts.put(0, stack.ASCII(options));
                int err = nvrtcCompileProgram(p, opts);
                if (err != NVRTC_SUCCESS) {
                    PointerBuffer logSize = stack.mallocPointer(1);
                    nvrtcGetProgramLogSize(p, logSize);
                    ByteBuffer log = MemoryUtil.memAlloc((int) logSize.get(0));
                    try {
                        nvrtcGetProgramLog(p, log);
                        throw new DeviceException("NVRTC could not compile the kernels (" + nvrtcGetErrorString(err) + "): "
                                + MemoryUtil.memASCII(log, Math.max(0, log.remaining() - 1)).trim());
                    } finally {
                        MemoryUtil.memFree(log);
                    }
                }
                PointerBuffer ptxSize = stack.mallocPointer(1);
                nvrtcCheck(nvrtcGetPTXSize(p, ptxSize), "nvrtcGetPTXSize");
                ByteBuffer ptx = MemoryUtil.memAlloc((int) ptxSize.get(0));
                try {
                    nvrtcCheck(nvrtcGetPTX(p, ptx), "nvrtcGetPTX");
                    push();
                    try {
                        PointerBuffer module = stack.mallocPointer(1);
                        check(cuModuleLoadData(module, ptx), "cuModuleLoadData");
                        modules.put(key, module.get(0));
                        return module.get(0);
                    } finally {
                        pop();
                    }
                } finally {
                    MemoryUtil.memFree(ptx);
                }
            } finally {
                nvrtcDestroyProgram(prog.put(0, p));
            }
        }
    }

    static void check(int err, String call) throws DeviceException {
        if (err != CUDA_SUCCESS) {
            throw new DeviceException(call + " failed: " + name(err));
        }
    }

    static void nvrtcCheck(int err, String call) throws DeviceException {
        if (err != NVRTC_SUCCESS) {
            throw new DeviceException(call + " failed: " + nvrtcGetErrorString(err));
        }
    }

    static String name(int err) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer p = stack.mallocPointer(1);
            if (cuGetErrorName(err, p) == CUDA_SUCCESS && p.get(0) != 0) {
                return MemoryUtil.memASCII(p.get(0)) + " (" + err + ")";
            }
        } catch (RuntimeException | LinkageError e) {
            // fall through to the number
        }
        return "CUDA error " + err;
    }
}
