package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.backend.cuda.CudaBackend;
import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.opencl.OpenClBackend;
import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The skip-or-fail rule for tests that run on a device. OpenCL: without a platform the test is skipped with the
 * Debian packages to install (PoCL runs on any CPU), and fails instead when the environment variable {@code CI} is set
 * ({@code .ci/run} installs PoCL, so a CI machine cannot pass by skipping). CUDA: skipped with the reason wherever
 * there is no NVIDIA driver and GPU, CI included (CI machines have none).
 */
public final class NeedsDevice {
    private NeedsDevice() {
    }

    /** The backend called {@code name} ("opencl" or "cuda"), after checking it can run here. */
    public static DeviceBackend require(String name) {
        DeviceBackend b = switch (name) {
            case "opencl" -> new OpenClBackend();
            case "cuda" -> new CudaBackend();
            default -> throw new IllegalArgumentException(name);
        };
        String why = b.unavailableReason();
        if (why.isEmpty()) {
            return b;
        }
        if (name.equals("opencl")) {
            String message = "needs an OpenCL platform (Debian/Ubuntu: apt-get install " + OpenClBackend.PACKAGES + "): " + why;
            if (inCi()) {
                fail(message + " [CI is set, so this fails instead of being skipped]");
            }
            Assumptions.abort(message);
        }
        Assumptions.abort("needs an NVIDIA GPU with its driver and NVRTC: " + why);
        return b;
    }

    /** Whether the environment variable CI is set to something other than empty or "false". */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
