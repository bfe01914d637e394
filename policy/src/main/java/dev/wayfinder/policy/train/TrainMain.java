package dev.wayfinder.policy.train;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plain entry point for a training run in its own JVM (background runs, crash tests):
 * {@code TrainMain DIR [CONFIG.yaml | --resume [ITERATIONS]]}. Exit status 0 on success, 1 on a bad request, 2 on failure.
 */
public final class TrainMain {
    private TrainMain() {
    }

    /** Runs a training. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TrainMain DIR [CONFIG.yaml | --resume]");
            System.exit(1);
        }
        try {
            Path dir = Path.of(args[0]);
            boolean resume = args.length > 1 && args[1].equals("--resume");
            TrainConfig cfg = TrainConfig.DEFAULT;
            if (args.length > 1 && !resume) {
                cfg = TrainConfig.fromYaml(Files.readString(Path.of(args[1])), args[1]);
            }
            int extendTo = resume && args.length > 2 ? Integer.parseInt(args[2]) : 0;
            DaggerTrainer.run(dir, cfg, resume, extendTo, System.out, Progress.stdoutIsTerminal());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
    }
}
