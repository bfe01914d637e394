package dev.wayfinder.deploy;

import dev.wayfinder.robot.RobotObservation.DepthImage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.wayfinder.deploy.ImageDecoderTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepthDecoderTest {
    @Test
    void float32MetresInEitherByteOrderWithInvalidPixelsAsNaN() throws Refusal {
        float[] values = {1.5f, Float.NaN, 0f, Float.POSITIVE_INFINITY, 2.25f, -1f};
        for (boolean big : new boolean[] {false, true}) {
            ByteBuffer b = ByteBuffer.allocate(3 * 4 * 2 + 2 * 4).order(big ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN);
            int step = 3 * 4 + 4; // 4 bytes of row padding
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    b.putFloat(y * step + 4 * x, values[y * 3 + x]);
                }
            }
            DepthImage d = DepthDecoder.decode("32FC1", 3, 2, step, big, b.rewind(), 9, 3, 2);
            assertEquals(1.5f, d.metres()[0], "big endian " + big);
            assertEquals(2.25f, d.metres()[4]);
            for (int i : new int[] {1, 2, 3, 5}) {
                assertTrue(Float.isNaN(d.metres()[i]), "pixel " + i + " is invalid, big endian " + big);
            }
            assertEquals(9, d.stampNanos());
        }
    }

    @Test
    void uint16MillimetresWithZeroInvalid() throws Refusal {
        for (boolean big : new boolean[] {false, true}) {
            ByteBuffer b = ByteBuffer.allocate(2 * 2).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            b.putShort(0, (short) 1234).putShort(2, (short) 0);
            DepthImage d = DepthDecoder.decode("16UC1", 2, 1, 4, big, b, 0, 0, 0);
            assertEquals(1.234f, d.metres()[0], 1e-6, "big endian " + big);
            assertTrue(Float.isNaN(d.metres()[1]));
        }
        ByteBuffer far = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 60000);
        assertEquals(60f, DepthDecoder.decode("16UC1", 1, 1, 2, false, far, 0, 0, 0).metres()[0], 1e-4,
                "unsigned: 60000 mm, not negative");
    }

    @Test
    void badDepthImagesAreRefused() {
        ByteBuffer b = ByteBuffer.allocate(4 * 4 * 4);
        assertReason(Refusal.Reason.DEPTH_ENCODING, () -> DepthDecoder.decode("rgb8", 4, 4, 12, false, b, 0, 4, 4),
                "32FC1");
        assertReason(Refusal.Reason.DEPTH_SIZE, () -> DepthDecoder.decode("32FC1", 4, 4, 16, false, b, 0, 640, 480),
                "registered");
        assertReason(Refusal.Reason.DEPTH_STEP, () -> DepthDecoder.decode("32FC1", 4, 4, 8, false, b, 0, 4, 4),
                "shorter than a row of 16 bytes");
        assertReason(Refusal.Reason.DEPTH_TRUNCATED, () -> DepthDecoder.decode("32FC1", 4, 5, 16, false, b, 0, 0, 0),
                "needs 80 bytes, got 64");
        assertReason(Refusal.Reason.DEPTH_SIZE, () -> DepthDecoder.decode("16UC1", -3, 4, 16, false, b, 0, 0, 0),
                "-3x4");
    }
}
