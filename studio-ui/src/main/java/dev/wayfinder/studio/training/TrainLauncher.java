package dev.wayfinder.studio.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a {@code wayfinder} command as a child process (standard error merged into standard output). Behind an
 * interface so that tests run a script in its place.
 */
@FunctionalInterface
public interface TrainLauncher {
    /**
     * Starts {@code wayfinder ARGS...} in {@code workDir}.
     *
     * @throws IOException when the process cannot be started
     */
    Process start(List<String> args, Path workDir) throws IOException;

    /**
     * The command this JVM was started with, less its application arguments: {@code java [JVM options] -jar
     * wayfinder-cli.jar} or {@code java [options] -cp ... MAIN} when the studio was started through the launcher
     * script, or the packaged app's native launcher alone. So the child runs the same build, with the same JVM
     * options, as the studio. Empty when the JVM does not say how it was started.
     */
    static Optional<TrainLauncher> sameAsThisJvm() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        return prefix(info.command(), info.arguments().orElse(new String[0]),
                System.getProperty("sun.java.command", "")).map(TrainLauncher::of);
    }

    /**
     * The command that starts this program again, less its application arguments.
     *
     * @param command     the process's executable
     * @param args        the process's arguments (JVM options, the main class or jar, the application's arguments)
     * @param javaCommand the JVM's own account: the main class or jar, then the application's arguments
     */
    static Optional<List<String>> prefix(Optional<String> command, String[] args, String javaCommand) {
        if (command.isEmpty() || javaCommand.isBlank()) {
            return Optional.empty();
        }
        String main = javaCommand.strip().split(" ")[0];
        List<String> prefix = new ArrayList<>();
        prefix.add(command.get());
        int at = -1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(main)) {
                at = i;
                break;
            }
        }
        // Not found: a native launcher (jpackage) that starts the JVM inside itself; its arguments are the app's.
        for (int i = 0; i <= at; i++) {
            prefix.add(args[i]);
        }
        return Optional.of(prefix);
    }

    /** Runs {@code prefix} followed by the arguments (e.g. {@code /usr/bin/wayfinder}, or a script in tests). */
    static TrainLauncher of(List<String> prefix) {
        List<String> fixed = List.copyOf(prefix);
        return (args, workDir) -> {
            List<String> cmd = new ArrayList<>(fixed);
            cmd.addAll(args);
            return new ProcessBuilder(cmd).directory(workDir.toAbsolutePath().toFile()).redirectErrorStream(true).start();
        };
    }
}
