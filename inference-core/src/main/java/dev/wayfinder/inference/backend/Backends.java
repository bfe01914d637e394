package dev.wayfinder.inference.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds backends with {@link ServiceLoader} and picks one. Thread-safe. */
public final class Backends {

    /** The system property that names the backend to use, overriding the rank order. */
    public static final String PROPERTY = "wayfinder.inference.backend";

    private Backends() {
    }

    /** All backends on the class path, available or not, highest rank first. */
    public static List<Backend> all() {
        List<Backend> list = new ArrayList<>();
        ServiceLoader.load(Backend.class, Backends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(Backend::rank).reversed());
        return list;
    }

    /** The available backends, highest rank first. */
    public static List<Backend> available() {
        return all().stream().filter(Backend::isAvailable).toList();
    }

    /**
     * The backend named by {@link #PROPERTY} if set (besides the backends' names, {@code cpu} names the best host
     * backend; {@code auto} is as if unset), else the available one of highest rank.
     *
     * @throws IllegalStateException if the named backend does not exist or is not available here
     */
    public static Backend preferred() {
        String name = System.getProperty(PROPERTY, "").trim();
        if (!name.isEmpty() && !name.equals("auto")) {
            return byName(name);
        }
        List<Backend> list = available();
        if (list.isEmpty()) {
            throw new IllegalStateException("no inference backend available (the scalar one should always be)");
        }
        return list.get(0);
    }

    /**
     * The best available backend that runs on the host CPU (no device backend): the one device backends hand their
     * work to when their device fails, and the one their host kernels come from.
     */
    public static Backend bestHost() {
        for (Backend b : available()) {
            if (!(b instanceof dev.wayfinder.inference.backend.device.DeviceBackend)) {
                return b;
            }
        }
        throw new IllegalStateException("no host inference backend available (the scalar one should always be)");
    }

    /**
     * The available backend called {@code name} ({@code cpu}: {@link #bestHost()}).
     *
     * @throws IllegalStateException naming the known backends when there is none such, or it is unavailable
     */
    public static Backend byName(String name) {
        if (name.equals("cpu")) {
            return bestHost();
        }
        List<Backend> all = all();
        for (Backend b : all) {
            if (b.name().equals(name)) {
                if (!b.isAvailable()) {
                    throw new IllegalStateException("inference backend '" + name + "' is not available on this machine: "
                            + b.unavailableReason());
                }
                return b;
            }
        }
        throw new IllegalStateException("unknown inference backend '" + name + "'; known: "
                + all.stream().map(Backend::name).toList());
    }
}
