package dev.wayfinder.randomization;

import dev.wayfinder.scenarios.model.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest of many drawn episodes (their full text, every double in shortest round-trip form), for
 * comparing runs across JVMs. {@code main} prints it so a child JVM can be asked for it.
 */
public final class DeterminismDigest {
    static final int EPISODES = 60;

    private DeterminismDigest() {
    }

    static String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Scenario all = Fixtures.everythingScenario();
            Scenario curriculum = Fixtures.withCurriculum(Fixtures.everything(),
                    new dev.wayfinder.scenarios.model.Curriculum(0.3, 0.8));
            for (int i = 0; i < EPISODES; i++) {
                long seed = Split.values()[i % 3].seed(i * 7919L);
                md.update(Randomizer.draw(all, seed, 1.0).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Randomizer.draw(curriculum, seed, i / (double) EPISODES).toString()
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        System.out.println(digest());
    }
}
