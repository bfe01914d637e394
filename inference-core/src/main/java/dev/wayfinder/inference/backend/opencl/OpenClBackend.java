package dev.wayfinder.inference.backend.opencl;

import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;

/**
 * The OpenCL backend ({@code "opencl"}, rank 5: below the Vector API backend, so it runs where it is named or where
 * calibration finds it fastest). It loads the system's OpenCL ICD loader ({@code libOpenCL.so.1}) through LWJGL and
 * uses the first GPU of any platform, else an accelerator, else a CPU device (PoCL). Where LWJGL, the loader or a
 * device is missing, it is unavailable and says why; this class names no LWJGL type, so loading it never fails.
 */
public final class OpenClBackend implements DeviceBackend {

    /** The Debian/Ubuntu packages that give an OpenCL platform on any machine (PoCL, on the CPU). */
    public static final String PACKAGES = "pocl-opencl-icd ocl-icd-libopencl1";

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int rank() {
        return 5;
    }

    @Override
    public String unavailableReason() {
        return Probe.result();
    }

    @Override
    public DeviceProgram load(DevicePlan plan) throws DeviceException {
        String why = unavailableReason();
        if (!why.isEmpty()) {
            throw new DeviceException("OpenCL is not available: " + why);
        }
        return ClRuntime.get().load(plan);
    }

    @Override
    public boolean accelerator() {
        try {
            return isAvailable() && ClRuntime.get().accelerator();
        } catch (DeviceException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        String why = unavailableReason();
        if (!why.isEmpty()) {
            return "unavailable: " + why;
        }
        try {
            return ClRuntime.get().describe();
        } catch (DeviceException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    /** Starts OpenCL once per process and remembers why it could not. */
    private static final class Probe {
        private static String result;

        static synchronized String result() {
            if (result == null) {
                try {
                    ClRuntime.get();
                    result = "";
                } catch (DeviceException e) {
                    result = e.getMessage();
                } catch (LinkageError | RuntimeException e) {
                    result = "OpenCL through LWJGL could not start (" + e + "); it needs LWJGL's lwjgl-opencl jar and an"
                            + " OpenCL ICD loader with a platform (Debian/Ubuntu: apt-get install " + PACKAGES + ")";
                }
            }
            return result;
        }
    }
}
