package dev.wayfinder.studio.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainLauncherTest {
    @Test
    void theLauncherScriptsJvmStartsAgainWithItsOptionsButNotItsArguments() {
        String[] args = {"--enable-native-access=ALL-UNNAMED", "-Xss4m", "-jar", "/opt/w/cli/target/wayfinder-cli.jar",
            "studio", "my room.yaml"};
        assertEquals(Optional.of(List.of("/usr/lib/jvm/j25/bin/java", "--enable-native-access=ALL-UNNAMED", "-Xss4m",
                "-jar", "/opt/w/cli/target/wayfinder-cli.jar")), TrainLauncher.prefix(
                Optional.of("/usr/lib/jvm/j25/bin/java"), args, "/opt/w/cli/target/wayfinder-cli.jar studio my room.yaml"));
        String[] cp = {"-cp", "a.jar:b.jar", "dev.wayfinder.cli.Main", "studio"};
        assertEquals(Optional.of(List.of("java", "-cp", "a.jar:b.jar", "dev.wayfinder.cli.Main")),
                TrainLauncher.prefix(Optional.of("java"), cp, "dev.wayfinder.cli.Main studio"));
    }

    @Test
    void thePackagedNativeLauncherIsRunAlone() {
        assertEquals(Optional.of(List.of("/opt/wayfinder/bin/wayfinder")), TrainLauncher.prefix(
                Optional.of("/opt/wayfinder/bin/wayfinder"), new String[] {"studio"}, "dev.wayfinder.cli.Main studio"));
        assertEquals(Optional.empty(), TrainLauncher.prefix(Optional.empty(), new String[0], "x"));
        assertEquals(Optional.empty(), TrainLauncher.prefix(Optional.of("java"), new String[0], ""));
    }

    /** The studio's models are given the working folder as {@code Path.of("")}, which a process cannot be started in. */
    @Test
    void theWorkingFolderGivenAsTheEmptyPathIsThisProcesssOwn() throws Exception {
        Process p = TrainLauncher.of(List.of("sh", "-c", "pwd")).start(List.of(), Path.of(""));
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor());
        assertEquals(Path.of("").toAbsolutePath().toRealPath(), Path.of(out).toRealPath());
    }
}
