package dev.wayfinder.inference.backend.cuda;

import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;

/**
 * The CUDA backend ({@code "cuda"}, rank 6): the driver API and NVRTC through LWJGL, no cuBLAS or cuDNN. The kernels
 * are {@link dev.wayfinder.inference.backend.device.KernelSource}'s, compiled at run time by NVRTC for the device's
 * compute capability; each context captures its whole plan (input copies, every kernel, output copies) as one CUDA
 * graph, so a run is one graph launch and one synchronization. Unavailable, with the reason, where LWJGL, the driver
 * ({@code libcuda.so.1}), a device or NVRTC is missing; this class names no LWJGL type, so loading it never fails.
 */
public final class CudaBackend implements DeviceBackend {

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int rank() {
        return 6;
    }

    @Override
    public String unavailableReason() {
        return Probe.result();
    }

    @Override
    public DeviceProgram load(DevicePlan plan) throws DeviceException {
        String why = unavailableReason();
        if (!why.isEmpty()) {
            throw new DeviceException("CUDA is not available: " + why);
        }
        return CudaRuntime.get().load(plan);
    }

    @Override
    public boolean accelerator() {
        return isAvailable();
    }

    @Override
    public String describe() {
        String why = unavailableReason();
        if (!why.isEmpty()) {
            return "unavailable: " + why;
        }
        try {
            return CudaRuntime.get().describe();
        } catch (DeviceException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /** Starts CUDA once per process and remembers why it could not. */
    private static final class Probe {
        private static String result;

        static synchronized String result() {
            if (result == null) {
                try {
                    CudaRuntime.get();
                    result = "";
                } catch (DeviceException e) {
                    result = e.getMessage();
                } catch (LinkageError | RuntimeException e) {
                    result = "CUDA through LWJGL could not start (" + e + "); it needs LWJGL's lwjgl-cuda jar, an NVIDIA"
                            + " driver and NVRTC";
                }
            }
            return result;
        }
    }
}
