package dev.wayfinder.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Rgb;
import org.junit.jupiter.api.Test;

class ColorTemperatureTest {
    @Test
    void daylightIsNearlyWhiteCandleLightIsWarmAndBlueSkyIsCool() {
        Rgb day = ColorTemperature.rgb(6500);
        assertEquals(1.0, Math.max(day.r(), Math.max(day.g(), day.b())), 1e-12);
        assertTrue(Math.min(day.r(), Math.min(day.g(), day.b())) > 0.93, "6500 K: " + day);
        Rgb warm = ColorTemperature.rgb(2700);
        assertTrue(warm.r() == 1 && warm.g() < warm.r() && warm.b() < warm.g(), "2700 K: " + warm);
        Rgb cool = ColorTemperature.rgb(12000);
        assertTrue(cool.b() == 1 && cool.r() < cool.b(), "12000 K: " + cool);
    }

    @Test
    void colourChangesMonotonicallyWithTemperature() {
        double lastBlue = -1;
        for (double k = 1000; k <= 20000; k += 250) {
            Rgb c = ColorTemperature.rgb(k);
            double blueOverRed = c.b() / c.r();
            assertTrue(blueOverRed >= lastBlue - 1e-12, k + " K: " + c);
            lastBlue = blueOverRed;
        }
    }
}
