package dev.wayfinder.inference.backend.opencl;

import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.KernelSource;
import dev.wayfinder.inference.backend.device.NativeLibraries;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.Platform;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

import static org.lwjgl.opencl.CL10.*;

/**
 * The process's OpenCL device: one platform, device and context, and the program cache (one built program per
 * source text and build options, shared by every plan on the device). Thread-safe.
 */
final class ClRuntime {
    private static ClRuntime instance;

    final long platform;
    final long device;
    final long context;
    private final String description;
    private final boolean accelerator;
    private final Map<String, Long> programs = new HashMap<>();

    private ClRuntime(long platform, long device, long context, String description, boolean accelerator) {
        this.platform = platform;
        this.device = device;
        this.context = context;
        this.description = description;
        this.accelerator = accelerator;
    }

    /** The runtime, started on first use; throws the same reason every time when it cannot start. */
    static synchronized ClRuntime get() throws DeviceException {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static ClRuntime start() throws DeviceException {
        // LWJGL asks for the unversioned libOpenCL.so, which only the loader's -dev package installs; the runtime
        // package has libOpenCL.so.1. An explicit -Dorg.lwjgl.opencl.libname wins.
        if (Platform.get() == Platform.LINUX && Configuration.OPENCL_LIBRARY_NAME.get() == null) {
            String loader = NativeLibraries.find(java.util.List.of(), "libOpenCL.so.1", "libOpenCL.so");
            if (loader == null) {
                throw new DeviceException("no OpenCL ICD loader (libOpenCL.so.1) is installed; Debian/Ubuntu: apt-get install "
                        + OpenClBackend.PACKAGES);
            }
            Configuration.OPENCL_LIBRARY_NAME.set(loader);
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int err;
            try {
                err = clGetPlatformIDs(null, count);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
                throw new DeviceException("the OpenCL ICD loader could not be loaded (" + e.getMessage()
                        + "); Debian/Ubuntu: apt-get install " + OpenClBackend.PACKAGES);
            }
            if (err == -1001 || (err == CL_SUCCESS && count.get(0) == 0)) {
                throw new DeviceException("no OpenCL platform is installed (the ICD loader found none); Debian/Ubuntu: "
                        + "apt-get install " + OpenClBackend.PACKAGES + " gives PoCL on the CPU");
            }
            check(err, "clGetPlatformIDs");
            PointerBuffer platforms = stack.mallocPointer(count.get(0));
            check(clGetPlatformIDs(platforms, (IntBuffer) null), "clGetPlatformIDs");
            long bestPlatform = 0;
            long bestDevice = 0;
            int bestScore = -1;
            for (int p = 0; p < platforms.capacity(); p++) {
                IntBuffer n = stack.mallocInt(1);
                if (clGetDeviceIDs(platforms.get(p), CL_DEVICE_TYPE_ALL, null, n) != CL_SUCCESS || n.get(0) == 0) {
                    continue;
                }
                PointerBuffer devices = stack.mallocPointer(n.get(0));
                check(clGetDeviceIDs(platforms.get(p), CL_DEVICE_TYPE_ALL, devices, (IntBuffer) null), "clGetDeviceIDs");
                for (int d = 0; d < devices.capacity(); d++) {
                    long type = deviceLong(devices.get(d), CL_DEVICE_TYPE);
                    int score = (type & CL_DEVICE_TYPE_GPU) != 0 ? 3 : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? 2 : 1;
                    if (score > bestScore && deviceLong(devices.get(d), CL_DEVICE_MAX_WORK_GROUP_SIZE) >= (long) KernelSource.TILE * KernelSource.TILE) {
                        bestScore = score;
                        bestPlatform = platforms.get(p);
                        bestDevice = devices.get(d);
                    }
                }
            }
            if (bestScore < 0) {
                throw new DeviceException("no OpenCL device with work-groups of " + KernelSource.TILE * KernelSource.TILE
                        + " items on " + platforms.capacity() + " platform(s); Debian/Ubuntu: apt-get install "
                        + OpenClBackend.PACKAGES);
            }
            PointerBuffer props = stack.mallocPointer(3).put(CL_CONTEXT_PLATFORM).put(bestPlatform).put(0).flip();
            IntBuffer e = stack.mallocInt(1);
            long context = clCreateContext(props, bestDevice, null, 0, e);
            check(e.get(0), "clCreateContext");
            String description = deviceString(bestDevice, CL_DEVICE_NAME) + " (" + deviceString(bestDevice, CL_DEVICE_VENDOR)
                    + ", " + deviceString(bestDevice, CL_DEVICE_VERSION) + ", driver " + deviceString(bestDevice, CL_DRIVER_VERSION)
                    + "; platform " + platformString(bestPlatform, CL_PLATFORM_NAME) + ")";
            return new ClRuntime(bestPlatform, bestDevice, context, description, bestScore >= 2);
        }
    }

    boolean accelerator() {
        return accelerator;
    }

    String describe() {
        return description;
    }

    DeviceProgram load(DevicePlan plan) throws DeviceException {
        return new ClProgram(this, plan);
    }

    /** The built program for {@code source}, from the cache or built now (the build log in the error). */
    synchronized long program(String source, String options) throws DeviceException {
        String key = options + "\n" + source;
        Long cached = programs.get(key);
        if (cached != null) {
            return cached;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer e = stack.mallocInt(1);
            long program = clCreateProgramWithSource(context, source, e);
            check(e.get(0), "clCreateProgramWithSource");
            int err = clBuildProgram(program, device, options, null, 0);
            if (err != CL_SUCCESS) {
                String log = buildLog(program);
                clReleaseProgram(program);
                throw new DeviceException("the OpenCL program does not build (" + name(err) + "): " + log);
            }
            programs.put(key, program);
            return program;
        }
    }

    private String buildLog(long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size);
            ByteBuffer log = org.lwjgl.system.MemoryUtil.memAlloc((int) size.get(0));
            try {
                clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log, null);
                return org.lwjgl.system.MemoryUtil.memASCII(log, Math.max(0, log.remaining() - 1)).trim();
            } finally {
                org.lwjgl.system.MemoryUtil.memFree(log);
            }
        }
    }

    private static long deviceLong(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            LongBuffer v = stack.callocLong(1);
            PointerBuffer size = stack.mallocPointer(1);
            clGetDeviceInfo(device, param, v, size);
            // size_t and cl_ulong answers are 8 bytes; cl_uint ones 4 (little-endian: the low half is right)
            return size.get(0) == 4 ? v.get(0) & 0xffffffffL : v.get(0);
        }
    }

    private static String deviceString(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            clGetDeviceInfo(device, param, (ByteBuffer) null, size);
            ByteBuffer b = stack.malloc((int) size.get(0));
            clGetDeviceInfo(device, param, b, null);
            return org.lwjgl.system.MemoryUtil.memUTF8(b, Math.max(0, (int) size.get(0) - 1)).trim();
        }
    }

    private static String platformString(long platform, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            clGetPlatformInfo(platform, param, (ByteBuffer) null, size);
            ByteBuffer b = stack.malloc((int) size.get(0));
            clGetPlatformInfo(platform, param, b, null);
            return org.lwjgl.system.MemoryUtil.memUTF8(b, Math.max(0, (int) size.get(0) - 1)).trim();
        }
    }

    /** Throws naming {@code call} and the error when {@code err} is not CL_SUCCESS. */
    static void check(int err, String call) throws DeviceException {
        if (err != CL_SUCCESS) {
            throw new DeviceException(call + " failed: " + name(err));
        }
    }

    static String name(int err) {
        String n = switch (err) {
            case -1 -> "CL_DEVICE_NOT_FOUND";
            case -2 -> "CL_DEVICE_NOT_AVAILABLE";
            case -4 -> "CL_MEM_OBJECT_ALLOCATION_FAILURE";
            case -5 -> "CL_OUT_OF_RESOURCES";
            case -6 -> "CL_OUT_OF_HOST_MEMORY";
            case -11 -> "CL_BUILD_PROGRAM_FAILURE";
            case -30 -> "CL_INVALID_VALUE";
            case -34 -> "CL_INVALID_CONTEXT";
            case -36 -> "CL_INVALID_COMMAND_QUEUE";
            case -38 -> "CL_INVALID_MEM_OBJECT";
            case -46 -> "CL_INVALID_KERNEL_NAME";
            case -48 -> "CL_INVALID_KERNEL";
            case -51 -> "CL_INVALID_ARG_SIZE";
            case -52 -> "CL_INVALID_KERNEL_ARGS";
            case -54 -> "CL_INVALID_WORK_GROUP_SIZE";
            case -55 -> "CL_INVALID_WORK_ITEM_SIZE";
            case -61 -> "CL_INVALID_BUFFER_SIZE";
            case -1001 -> "CL_PLATFORM_NOT_FOUND_KHR";
            default -> null;
        };
        return n == null ? "OpenCL error " + err : n + " (" + err + ")";
    }
}
