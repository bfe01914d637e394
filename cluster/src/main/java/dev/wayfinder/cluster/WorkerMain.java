package dev.wayfinder.cluster;

import java.util.Optional;

/**
 * A worker without the command line around it: {@code java -cp ... dev.wayfinder.cluster.WorkerMain --port P
 * [--join HOST:PORT] [--host ADDR] [--slots N] [--label KEY=VALUE]...}. It prints one line once it has joined, runs until killed, and exits
 * 1 with the reason when it cannot start. ({@code wayfinder worker} is the same with the CLI's flags and help.)
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("hazelcast.logging.type", "slf4j"); // its very first lines too
        int port = 5701;
        String host = null;
        Optional<HostPort> join = Optional.empty();
        int slots = 1;
        java.util.List<String> labels = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(v);
                    case "--host" -> host = v;
                    case "--join" -> join = Optional.of(HostPort.parse(v, "--join"));
                    case "--slots" -> slots = Integer.parseInt(v);
                    case "--label" -> labels.add(v);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (expected --port, --host, --join, --slots, --label)");
                }
                i++;
            }
            Worker w = Worker.start(new Worker.Options(host, port, join, slots, MemberFilter.labels(labels)));
            System.out.println(ready(w));
            System.out.flush();
            while (w.running()) {
                Thread.sleep(500);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("wayfinder worker: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The line a worker prints once it runs. */
    public static String ready(Worker w) {
        return "worker " + w.address() + " ready: " + w.members() + " member" + (w.members() == 1 ? "" : "s")
                + " in cluster '" + Cluster.NAME + "', EGL " + w.egl();
    }
}
