package dev.wayfinder.deploy;

import dev.wayfinder.robot.RobotObservation.RgbImage;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private static final long SEED = 424242L;
    private static final int W = 7;
    private static final int H = 5;

    /** A random RGB picture, W x H x 3. */
    private static byte[] picture(long seed) {
        byte[] rgb = new byte[W * H * 3];
        new Random(seed).nextBytes(rgb);
        return rgb;
    }

    /** {@code rgb} laid out in {@code encoding} with {@code pad} bytes after each row. */
    private static byte[] encode(byte[] rgb, String encoding, int pad) {
        int ch = switch (encoding) {
            case "rgb8", "bgr8" -> 3;
            case "rgba8", "bgra8" -> 4;
            default -> 1;
        };
        int step = W * ch + pad;
        byte[] out = new byte[step * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int s = (y * W + x) * 3;
                int d = y * step + x * ch;
                switch (encoding) {
                    case "rgb8", "rgba8" -> { out[d] = rgb[s]; out[d + 1] = rgb[s + 1]; out[d + 2] = rgb[s + 2]; }
                    case "bgr8", "bgra8" -> { out[d] = rgb[s + 2]; out[d + 1] = rgb[s + 1]; out[d + 2] = rgb[s]; }
                    default -> out[d] = rgb[s];
                }
                if (ch == 4) {
                    out[d + 3] = (byte) 0x7f;
                }
            }
        }
        return out;
    }

    @Test
    void everyColourEncodingGivesTheSameRgbWithAnyRowPadding() throws Refusal {
        byte[] rgb = picture(SEED);
        for (String enc : new String[] {"rgb8", "bgr8", "rgba8", "bgra8"}) {
            for (int pad : new int[] {0, 3}) {
                int ch = enc.length() == 5 ? 4 : 3;
                byte[] data = encode(rgb, enc, pad);
                RgbImage img = ImageDecoder.decode(enc, W, H, W * ch + pad, ByteBuffer.wrap(data).asReadOnlyBuffer(),
                        77, W, H);
                assertArrayEquals(rgb, img.rgb(), enc + " pad " + pad + ", seed " + SEED);
                assertEquals(77, img.stampNanos());
            }
        }
    }

    @Test
    void aRecycledArrayOfTheRightSizeIsWrittenOverAndAnyOtherIsLeftAlone() throws Refusal {
        byte[] reuse = new byte[W * H * 3];
        for (String enc : new String[] {"rgb8", "bgra8"}) {
            byte[] rgb = picture(SEED + enc.length());
            int ch = enc.length() == 5 ? 4 : 3;
            ImageDecoder.Checked c = ImageDecoder.check(enc, W, H, W * ch, ByteBuffer.wrap(encode(rgb, enc, 0)), 5, W,
                    H);
            RgbImage img = c.convert(reuse);
            assertSame(reuse, img.rgb(), enc + ": converted into the recycled array");
            assertArrayEquals(rgb, img.rgb(), enc + ", seed " + SEED);
            byte[] small = new byte[3];
            RgbImage fresh = c.convert(small);
            assertNotSame(small, fresh.rgb(), enc + ": a wrong-size array is not used");
            assertArrayEquals(new byte[3], small, enc + ": nor written");
            assertArrayEquals(rgb, fresh.rgb());
        }
    }

    @Test
    void mono8IsGreyInAllThreeChannels() throws Refusal {
        byte[] rgb = picture(SEED + 1);
        RgbImage img = ImageDecoder.decode("mono8", W, H, W + 1, ByteBuffer.wrap(encode(rgb, "mono8", 1)), 0, 0, 0);
        for (int p = 0; p < W * H; p++) {
            assertEquals(rgb[3 * p], img.rgb()[3 * p]);
            assertEquals(rgb[3 * p], img.rgb()[3 * p + 1]);
            assertEquals(rgb[3 * p], img.rgb()[3 * p + 2]);
        }
    }

    @Test
    void badImagesAreRefusedWithTheirReason() {
        ByteBuffer ok = ByteBuffer.wrap(encode(picture(SEED), "rgb8", 0));
        assertReason(Refusal.Reason.IMAGE_SIZE, () -> ImageDecoder.decode("rgb8", W, H, W * 3, ok, 0, 640, 480),
                "CameraInfo says 640x480");
        assertReason(Refusal.Reason.IMAGE_SIZE, () -> ImageDecoder.decode("rgb8", 0, H, 0, ok, 0, 0, 0), "0x5");
        assertReason(Refusal.Reason.IMAGE_SIZE, () -> ImageDecoder.decode("rgb8", 5000, 1, 15000, ok, 0, 0, 0),
                "1..4096");
        assertReason(Refusal.Reason.IMAGE_ENCODING, () -> ImageDecoder.decode("yuv422", W, H, W * 2, ok, 0, W, H),
                "rgb8, bgr8");
        assertReason(Refusal.Reason.IMAGE_STEP, () -> ImageDecoder.decode("rgb8", W, H, W * 3 - 1, ok, 0, W, H),
                "shorter than a row of 21 bytes");
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(ok.array(), W * H * 3 - 1));
        assertReason(Refusal.Reason.IMAGE_TRUNCATED, () -> ImageDecoder.decode("rgb8", W, H, W * 3, cut, 0, W, H),
                "needs 105 bytes, got 104");
        // A step that would overflow an int in step * height is truncation, not an exception.
        assertReason(Refusal.Reason.IMAGE_TRUNCATED,
                () -> ImageDecoder.decode("rgb8", W, 4000, Integer.MAX_VALUE, ok, 0, 0, 0), "needs");
    }

    private static byte[] compress(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "ImageIO writes " + format);
        return out.toByteArray();
    }

    private static BufferedImage buffered(byte[] rgb) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int s = (y * W + x) * 3;
                img.setRGB(x, y, (rgb[s] & 0xff) << 16 | (rgb[s + 1] & 0xff) << 8 | (rgb[s + 2] & 0xff));
            }
        }
        return img;
    }

    @Test
    void pngDecodesExactlyAndJpegClosely() throws Exception {
        byte[] rgb = picture(SEED + 2);
        RgbImage png = ImageDecoder.decodeCompressed("png", compress(buffered(rgb), "png"), 5, W, H);
        assertArrayEquals(rgb, png.rgb(), "seed " + SEED);
        // JPEG is lossy: a flat colour comes back within a few levels.
        byte[] flat = new byte[W * H * 3];
        for (int i = 0; i < flat.length; i += 3) {
            flat[i] = (byte) 200;
            flat[i + 1] = 100;
            flat[i + 2] = 30;
        }
        RgbImage jpeg = ImageDecoder.decodeCompressed("rgb8; jpeg compressed bgr8", compress(buffered(flat), "jpeg"), 5,
                0, 0);
        for (int i = 0; i < flat.length; i++) {
            assertTrue(Math.abs((jpeg.rgb()[i] & 0xff) - (flat[i] & 0xff)) <= 6, "byte " + i);
        }
    }

    @Test
    void badCompressedImagesAreRefused() throws Exception {
        byte[] png = compress(buffered(picture(SEED)), "png");
        assertReason(Refusal.Reason.IMAGE_SIZE, () -> ImageDecoder.decodeCompressed("png", png, 0, 640, 480),
                "640x480");
        assertReason(Refusal.Reason.IMAGE_ENCODING, () -> ImageDecoder.decodeCompressed("tiff", png, 0, 0, 0),
                "jpeg or png");
        byte[] garbage = new byte[100];
        new Random(SEED).nextBytes(garbage);
        assertReason(Refusal.Reason.IMAGE_UNDECODABLE, () -> ImageDecoder.decodeCompressed("jpeg", garbage, 0, 0, 0),
                "neither JPEG nor PNG");
        byte[] cut = Arrays.copyOf(png, png.length / 2);
        assertReason(Refusal.Reason.IMAGE_UNDECODABLE, () -> ImageDecoder.decodeCompressed("png", cut, 0, 0, 0),
                "does not decode");
    }

    interface Call {
        void run() throws Refusal;
    }

    static void assertReason(Refusal.Reason reason, Call c, String inMessage) {
        Refusal r = assertThrows(Refusal.class, c::run);
        assertEquals(reason, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains(inMessage), "'" + r.getMessage() + "' should say '" + inMessage + "'");
    }
}
