package dev.wayfinder.scenarios.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the bad-input corpus gives a clean, located ScenarioException; nothing else escapes. */
class BadInputTest {
    record Case(String file, String location, String fragment) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path badDir() throws URISyntaxException {
        return Path.of(BadInputTest.class.getResource("/bad/expected.tsv").toURI()).getParent();
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        return Files.readAllLines(badDir().resolve("expected.tsv"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 3))
                .map(p -> new Case(p[0], p[1], p[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badFileIsRejectedWithLocatedMessage(Case c) throws URISyntaxException {
        Path file = badDir().resolve(c.file());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
        String msg = e.getMessage();
        assertTrue(msg.contains(c.fragment()), () -> "expected '" + c.fragment() + "' in:\n" + msg);
        assertFalse(e.getProblems().isEmpty());
        Problem first = e.getProblems().get(0);
        assertEquals(file.toString(), first.source());
        if (c.location().equals("-")) {
            assertEquals(0, first.line(), msg);
        } else {
            assertEquals(c.location(), first.line() + ":" + first.column(), msg);
            assertTrue(msg.contains(file + ":" + c.location() + ": "), () -> "file:line:col missing in:\n" + msg);
        }
        assertFalse(msg.contains("Exception"), () -> "an exception name leaked into the message:\n" + msg);
    }

    @Test
    void corpusIsLargeAndFullyListed() throws IOException, URISyntaxException {
        Set<String> listed = new TreeSet<>(cases().map(Case::file).toList());
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(badDir())) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.tsv")).forEach(present::add);
        }
        assertEquals(present, listed);
        assertTrue(listed.size() >= 30, "at least 30 bad files, found " + listed.size());
    }

    @Test
    void fiftyMegabyteFileIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024); // sparse: costs no disk and shows the loader never reads it
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(big));
        assertTrue(e.getMessage().contains("50.0 MiB; scenario files are limited to 1 MiB"), e.getMessage());
    }

    @Test
    void symbolicLinkToAScenarioLoads(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("room.yaml");
        Files.writeString(target, "name: room\narena: {size: [4, 4]}\nstarts: [{center: [-1, -1]}]\n"
                + "goals: [{center: [1, 1]}]\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), target);
        assertEquals("room", ScenarioLoader.load(link).name());
    }

    @Test
    void directoryIsRefused(@TempDir Path dir) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void missingFileIsRefused(@TempDir Path dir) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().endsWith("nope.yaml: no such file"), e.getMessage());
    }

    @Test
    void tooManyObstaclesAreRefused(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("name: crowd\narena: {size: [4, 4]}\nstarts: [{center: [0, 0]}]\n"
                + "goals: [{center: [1, 1]}]\nobstacles:\n");
        for (int i = 0; i < 5001; i++) {
            b.append("- {}\n");
        }
        Path f = dir.resolve("crowd.yaml");
        Files.writeString(f, b);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertTrue(e.getMessage().contains("obstacles: expected at most 5000 items, found 5001"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void hugeArenaWithManyStartsAndGoalsIsCheckedQuickly(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("name: big\narena: {size: [1000, 1000]}\nobstacles:\n"
                + "  - {id: wall, shape: box, size: [1, 1000, 1], pose: [0, 0]}\nstarts:\n");
        for (int i = 0; i < 64; i++) {
            b.append("  - {center: [-400, ").append(i * 10 - 320).append("]}\n");
        }
        b.append("goals:\n");
        for (int i = 0; i < 64; i++) {
            b.append("  - {center: [400, ").append(i * 10 - 320).append("]}\n");
        }
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, b);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertEquals(64 * 64, e.getProblems().size());
        assertTrue(e.getMessage().contains("... and " + (64 * 64 - ScenarioException.MAX_SHOWN) + " more"));
    }

    @Test
    void thousandsOfUnknownKeysGiveABoundedMessage(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder("name: x\n");
        for (int i = 0; i < 20_000; i++) {
            b.append("k").append(i).append("x".repeat(i % 40)).append(": 1\n");
        }
        Path f = dir.resolve("keys.yaml");
        Files.writeString(f, b);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertEquals(Ctx.MAX_PROBLEMS, e.getProblems().size());
        assertTrue(e.getMessage().lines().count() <= ScenarioException.MAX_SHOWN + 2);
    }

    @Test
    void oversizedTextIsRefused() {
        String text = "name: x\n# " + "y".repeat((int) ScenarioLoader.MAX_FILE_BYTES) + "\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, "<editor>"));
        assertTrue(e.getMessage().startsWith("<editor>: the text is"), e.getMessage());
    }

    @Test
    void allProblemsOfAFileAreReportedTogether() throws URISyntaxException {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(badDir().resolve("many-problems.yaml")));
        List<String> paths = e.getProblems().stream().map(Problem::path).toList();
        assertEquals(List.of("arena.size.x", "arena.wall_hieght", "robot.mass", "starts[0].center.x",
                "goals[0].tolerance"), paths);
        assertEquals(6, e.getMessage().lines().count(), e.getMessage());
    }
}
