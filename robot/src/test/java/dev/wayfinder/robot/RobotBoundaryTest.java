package dev.wayfinder.robot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The robot boundary holds: no source of the robot side names anything of the simulator, the renderer, the scenario
 * model, the randomizer, training or a GUI, by import or by qualified name. Only the JDK, inference-core and the robot
 * side itself are allowed, so ground truth cannot reach a decision by a later change.
 */
class RobotBoundaryTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of("java.", "dev.wayfinder.robot.", "dev.wayfinder.inference.");
    private static final Pattern FORBIDDEN_NAME = Pattern.compile(
            "dev\\.wayfinder\\.(sim|render|scenarios|randomization|policy|ros|cli|studio)\\b|ai\\.djl|org\\.lwjgl|javafx"
                    + "|\\b(SimState|World|Episode|Expert|GlobalPlanner|SegmentationIds)\\b");

    @Test
    void robotSideImportsOnlyTheJdkInferenceCoreAndItself() throws IOException {
        List<Path> sources = sources();
        assertTrue(sources.size() >= 10, "expected the robot side's sources, found " + sources);
        List<String> violations = new ArrayList<>();
        for (Path p : sources) {
            String text = Files.readString(p);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String name = m.group(2);
                if (ALLOWED.stream().noneMatch(name::startsWith)) {
                    violations.add(p.getFileName() + " imports " + name);
                }
            }
            String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher f = FORBIDDEN_NAME.matcher(code);
            while (f.find()) {
                violations.add(p.getFileName() + " names " + f.group());
            }
        }
        assertTrue(violations.isEmpty(), "the robot boundary leaks: " + violations);
    }

    @Test
    void theCheckCatchesALeak() {
        String leak = "import dev.wayfinder.sim.core.SimState;\nclass X { double x = state.robotX(); }";
        Matcher m = IMPORT.matcher(leak);
        assertTrue(m.find());
        assertFalse(ALLOWED.stream().anyMatch(m.group(2)::startsWith), "a simulator import must be refused");
        assertTrue(FORBIDDEN_NAME.matcher("var w = new dev.wayfinder.render.Renderer();").find());
        assertTrue(FORBIDDEN_NAME.matcher("Episode e = null;").find());
    }

    private static List<Path> sources() throws IOException {
        Path root = Path.of("src/main/java/dev/wayfinder/robot");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
