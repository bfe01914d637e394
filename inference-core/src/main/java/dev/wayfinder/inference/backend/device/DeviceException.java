package dev.wayfinder.inference.backend.device;

/** A device could not do what was asked: no device, out of memory, a program that does not build, a failed launch. */
public final class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
