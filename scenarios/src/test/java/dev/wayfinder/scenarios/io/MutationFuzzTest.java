package dev.wayfinder.scenarios.io;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomly damaged versions of the bundled files either load or fail with a ScenarioException; no other
 * exception escapes and no message is empty.
 */
class MutationFuzzTest {
    private static final String[] JUNK = {"", "-", ":", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "\t", "\n",
        "  ", "#", "\"", "'", ".nan", "-.inf", "1e999", "~", "null", "0x1F", "<<: *a", "? ", "|", ">", "%YAML 1.1\n",
        "---\n", "...\n", "\u0000", "\uFEFF", "99999999999999999999", "-0", "yes", "\\u0000"};

    @Test
    void damagedFilesFailCleanly() {
        int loaded = 0;
        for (String name : ScenarioLibrary.NAMES) {
            String text = ScenarioLibrary.text(name);
            for (int k = 0; k < 150; k++) {
                long seed = name.hashCode() * 1000L + k;
                String damaged = mutate(text, new Random(seed));
                try {
                    ScenarioLoader.parse(damaged, name);
                    loaded++;
                } catch (ScenarioException e) {
                    assertFalse(e.getMessage().isBlank(), "seed " + seed);
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("seed " + seed + " (" + name + "): " + e + "\n" + damaged, e);
                }
            }
        }
        assertFalse(loaded == 8 * 150, "the mutations should break most files");
    }

    static String mutate(String text, Random r) {
        StringBuilder b = new StringBuilder(text);
        for (int m = 0, n = 1 + r.nextInt(4); m < n; m++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(4)) {
                case 0 -> b.insert(at, JUNK[r.nextInt(JUNK.length)]);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(20)));
                case 2 -> b.setCharAt(at, (char) (32 + r.nextInt(95)));
                default -> b.setLength(Math.max(1, at));
            }
        }
        return b.toString();
    }
}
