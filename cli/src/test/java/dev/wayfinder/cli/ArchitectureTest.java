package dev.wayfinder.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/ARCHITECTURE.md's dependency directions, checked on every main source file of every module: which project
 * modules it may import, and that javafx stays in studio-ui, org.lwjgl in rendering (and inference-core's GPU
 * backends) and ai.djl in policy and benchmarks. Maven's module dependencies allow more than the design does (a
 * transitive dependency is visible), so this reads the imports and qualified names themselves.
 */
class ArchitectureTest {
    /** Module folder to its package prefix. ros-testkit before ros-bridge: its package lies inside ros-bridge's. */
    private static final Map<String, String> PACKAGES = new LinkedHashMap<>();
    /** Module folder to the project modules its main code may use. */
    private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        PACKAGES.put("scenarios", "dev.wayfinder.scenarios");
        PACKAGES.put("domain-randomization", "dev.wayfinder.randomization");
        PACKAGES.put("physics-sim", "dev.wayfinder.sim");
        PACKAGES.put("rendering", "dev.wayfinder.render");
        PACKAGES.put("inference-core", "dev.wayfinder.inference");
        PACKAGES.put("robot", "dev.wayfinder.robot");
        PACKAGES.put("policy", "dev.wayfinder.policy");
        PACKAGES.put("sim-ros", "dev.wayfinder.simros");
        PACKAGES.put("cluster", "dev.wayfinder.cluster");
        PACKAGES.put("ros-testkit", "dev.wayfinder.ros.testkit");
        PACKAGES.put("ros-bridge", "dev.wayfinder.ros");
        PACKAGES.put("deploy", "dev.wayfinder.deploy");
        PACKAGES.put("studio-ui", "dev.wayfinder.studio");
        PACKAGES.put("cli", "dev.wayfinder.cli");
        PACKAGES.put("benchmarks", "dev.wayfinder.benchmarks");
        ALLOWED.put("scenarios", Set.of());
        ALLOWED.put("domain-randomization", Set.of("scenarios"));
        ALLOWED.put("physics-sim", Set.of("scenarios"));
        ALLOWED.put("rendering", Set.of("physics-sim", "scenarios"));
        ALLOWED.put("inference-core", Set.of());
        ALLOWED.put("robot", Set.of("inference-core"));
        ALLOWED.put("policy", Set.of("robot", "rendering", "physics-sim", "domain-randomization", "inference-core",
                "scenarios"));
        ALLOWED.put("ros-testkit", Set.of());
        ALLOWED.put("ros-bridge", Set.of("inference-core", "physics-sim", "scenarios"));
        ALLOWED.put("deploy", Set.of("robot", "ros-bridge", "inference-core"));
        ALLOWED.put("sim-ros", Set.of("ros-bridge", "rendering", "physics-sim", "scenarios"));
        ALLOWED.put("cluster", Set.of("policy", "robot", "rendering", "physics-sim", "domain-randomization",
                "inference-core", "scenarios"));
        ALLOWED.put("studio-ui", Set.of("scenarios", "domain-randomization", "physics-sim", "rendering",
                "inference-core", "robot", "policy", "ros-bridge", "deploy", "sim-ros"));
        ALLOWED.put("cli", Set.of("scenarios", "domain-randomization", "physics-sim", "rendering", "inference-core",
                "robot", "policy", "ros-bridge", "deploy", "sim-ros", "cluster", "benchmarks", "studio-ui"));
        ALLOWED.put("benchmarks", Set.of("scenarios", "domain-randomization", "physics-sim", "rendering",
                "inference-core", "robot", "policy", "ros-bridge", "ros-testkit", "deploy"));
    }

    private static final Pattern NAME = Pattern.compile("\\b(dev\\.wayfinder\\.[a-z]+(?:\\.testkit)?|javafx|org\\.lwjgl|ai\\.djl)\\b");

    @Test
    void everyModuleUsesOnlyWhatTheDesignAllows() throws IOException {
        Path root = Path.of("..");
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (var e : ALLOWED.entrySet()) {
            String module = e.getKey();
            Path src = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "no sources for " + module + " at " + src.toAbsolutePath());
            List<Path> sources;
            try (Stream<Path> s = Files.walk(src)) {
                sources = s.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path p : sources) {
                files++;
                String code = Files.readString(p).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
                Matcher m = NAME.matcher(code);
                while (m.find()) {
                    String used = m.group(1);
                    String problem = check(module, used);
                    if (problem != null) {
                        violations.add(root.relativize(p) + ": " + problem);
                    }
                }
            }
        }
        assertTrue(files > 300, "expected the project's sources, found " + files);
        assertTrue(violations.isEmpty(), "dependency directions broken:\n" + String.join("\n", violations));
    }

    @Test
    void theCheckCatchesABreach() {
        assertTrue(check("physics-sim", "dev.wayfinder.render") != null, "physics-sim must not use rendering");
        assertTrue(check("robot", "dev.wayfinder.sim") != null, "the robot side must not see the simulator");
        assertTrue(check("policy", "javafx") != null);
        assertTrue(check("ros-bridge", "ai.djl") != null);
        assertTrue(check("policy", "dev.wayfinder.robot") == null);
        assertTrue(check("deploy", "dev.wayfinder.policy") != null, "a robot deployment carries no training code");
        assertTrue(check("deploy", "dev.wayfinder.sim") != null, "nor the simulator");
        assertTrue(check("deploy", "dev.wayfinder.robot") == null && check("deploy", "dev.wayfinder.ros") == null);
        assertTrue(check("sim-ros", "dev.wayfinder.policy") != null, "the simulator on ROS needs no training code");
        assertTrue(check("ros-bridge", "dev.wayfinder.simros") != null, "ros-bridge does not render");
        assertTrue(check("studio-ui", "dev.wayfinder.cli") != null, "the studio sits beside the cli, not above it");
        assertTrue(check("studio-ui", "javafx") == null && check("cli", "javafx") != null,
                "the cli starts the studio without naming JavaFX");
        assertTrue(check("scenarios", "dev.wayfinder.studio") != null);
        assertTrue(check("policy", "dev.wayfinder.cluster") != null, "policy finds the cluster engine by ServiceLoader");
        assertTrue(check("cluster", "dev.wayfinder.policy") == null && check("cli", "dev.wayfinder.cluster") == null);
    }

    /** Why {@code module}'s main code may not use {@code used}, or null when it may. */
    static String check(String module, String used) {
        switch (used) {
            case "javafx":
                return module.equals("studio-ui") ? null : "imports javafx (only studio-ui may)";
            case "org.lwjgl":
                return Set.of("rendering", "inference-core", "benchmarks").contains(module) ? null
                        : "uses LWJGL (only rendering and inference-core's GPU backends may)";
            case "ai.djl":
                return Set.of("policy", "benchmarks").contains(module) ? null
                        : "uses DJL (only policy trains; benchmarks compare)";
            default:
                break;
        }
        String target = null;
        for (var e : PACKAGES.entrySet()) {
            if (used.equals(e.getValue()) || used.startsWith(e.getValue() + ".")) {
                target = e.getKey();
                break;
            }
        }
        if (target == null) {
            return null;
        }
        if (target.equals(module) || ALLOWED.get(module).contains(target)) {
            return null;
        }
        return "uses " + target + " (" + used + "), which " + module + " may not";
    }
}
