package dev.wayfinder.inference.backend.device;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/**
 * A backend that runs a whole compiled plan on a device (a GPU, or an OpenCL CPU device such as PoCL): the compiler
 * hands it every step with its arena offsets at once ({@link #load}), and each execution context gets a session of
 * its own with a device copy of the arena. Its {@link #kernel} returns the host (CPU) kernel for a step: the plan
 * keeps those so that a context whose device fails runs on, on the CPU, in the same arena.
 *
 * <p>A device backend never throws from {@link #isAvailable()} or {@link #unavailableReason()}, even where its
 * native library or LWJGL itself is missing.
 */
public interface DeviceBackend extends Backend {

    /** The host kernel for {@code spec}: the fallback a plan runs when its device fails (the best CPU backend's). */
    @Override
    default Kernel kernel(KernelSpec spec) {
        return Backends.bestHost().kernel(spec);
    }

    /** Available when {@link #unavailableReason()} gives no reason. */
    @Override
    default boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /**
     * Prepares {@code plan} on the device: programs built (or taken from the cache), weights uploaded.
     *
     * @throws DeviceException when the device cannot take it (no device, out of memory, a build error)
     */
    DeviceProgram load(DevicePlan plan) throws DeviceException;

    /** Whether the device is a GPU or another accelerator, not a CPU (calibration only tries accelerators). */
    boolean accelerator();

    /** The device in words (name, vendor, driver), or the reason it is unavailable. */
    String describe();
}
