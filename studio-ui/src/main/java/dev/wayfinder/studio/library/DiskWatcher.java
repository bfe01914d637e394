package dev.wayfinder.studio.library;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches one file for changes made by other programs, on a thread of its own: a {@link WatchService} on the file's
 * folder (editors often write a new file and rename it over the old, which a watch on the file itself would miss).
 * After the file was created, modified or replaced, and then left alone for {@value #QUIET_MS} ms (so a program
 * writing in several steps is reported once, when it is done), the listener gets its path, on the watcher's thread.
 * Thread-safe.
 */
public final class DiskWatcher implements AutoCloseable {
    /** How long a file must stay unchanged before a change is reported, ms. */
    public static final long QUIET_MS = 150;

    private final WatchService service;
    private final Consumer<Path> listener;
    private final Thread thread;
    private volatile Path file;
    private WatchKey key;

    /**
     * Starts the watcher's thread, watching nothing yet.
     *
     * @throws IOException when the file system offers no watch service
     */
    public DiskWatcher(Consumer<Path> listener) throws IOException {
        this.listener = Objects.requireNonNull(listener, "listener");
        service = FileSystems.getDefault().newWatchService();
        thread = new Thread(this::loop, "studio-disk-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Watches {@code f} from now on instead of the file watched before; empty watches nothing.
     *
     * @throws IOException when the file's folder cannot be watched (the file is then not watched)
     */
    public synchronized void watch(Optional<Path> f) throws IOException {
        if (key != null) {
            key.cancel();
            key = null;
        }
        file = null;
        if (f.isEmpty()) {
            return;
        }
        Path abs = f.get().toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null) {
            return;
        }
        key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        file = abs;
    }

    /** The file watched now, if any. */
    public Optional<Path> watched() {
        return Optional.ofNullable(file);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey k = service.take();
                boolean changed = concerns(k);
                // Wait for the writer to finish: report only once nothing has happened for a while.
                while (changed) {
                    WatchKey more = service.poll(QUIET_MS, TimeUnit.MILLISECONDS);
                    if (more == null) {
                        break;
                    }
                    concerns(more);
                }
                Path f = file;
                if (changed && f != null) {
                    listener.accept(f);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // close() ends the loop.
        }
    }

    /** Whether {@code k}'s events touch the watched file; resets the key either way. */
    private boolean concerns(WatchKey k) {
        boolean hit = false;
        Path f = file;
        Path dir = k.watchable() instanceof Path p ? p : null;
        for (WatchEvent<?> e : k.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                hit = f != null;
            } else if (f != null && dir != null && e.context() instanceof Path name
                    && dir.resolve(name).toAbsolutePath().normalize().equals(f)) {
                hit = true;
            }
        }
        k.reset();
        return hit;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
        } catch (IOException e) {
            // Nothing more to free.
        }
    }
}
