package dev.wayfinder.deploy;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotObservation.RgbImage;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Locale;

/**
 * Camera images as ROS 2 delivers them (sensor_msgs/Image in rgb8, bgr8, rgba8, bgra8 or mono8; sensor_msgs/
 * CompressedImage in JPEG or PNG) into the robot's {@link RgbImage}, checked first: size against the camera's
 * CameraInfo, encoding, row step, and the byte count. Nothing is resized here: the policy prepares the image with the
 * same code as in training ({@code robot.net.Features}). Stateless and thread-safe.
 */
public final class ImageDecoder {
    /** The raw encodings read. */
    public static final String ENCODINGS = "rgb8, bgr8, rgba8, bgra8 or mono8";

    private ImageDecoder() {
    }

    /**
     * Decodes a raw image.
     *
     * @param encoding  the message's encoding
     * @param width     its width
     * @param height    its height
     * @param step      its row length in bytes
     * @param data      its pixels (read from position 0; not changed)
     * @param stamp     its header stamp, nanoseconds
     * @param expectedW the width its CameraInfo gives, or 0 when unknown
     * @param expectedH the height its CameraInfo gives, or 0 when unknown
     * @throws Refusal when the image does not agree with itself or its CameraInfo
     */
    public static RgbImage decode(String encoding, int width, int height, int step, ByteBuffer data, long stamp,
                                  int expectedW, int expectedH) throws Refusal {
        return check(encoding, width, height, step, data, stamp, expectedW, expectedH).convert();
    }

    /**
     * A raw image that passed {@link #check}: converting it cannot fail. The receive thread checks; the policy thread
     * converts only the frames it takes (a frame dropped for a newer one is never converted).
     */
    public static final class Checked {
        private final int width;
        private final int height;
        private final int step;
        private final int channels;
        private final int r;
        private final int b;
        private final ByteBuffer data;
        private final long stamp;

        private Checked(int width, int height, int step, int channels, int r, int b, ByteBuffer data, long stamp) {
            this.width = width;
            this.height = height;
            this.step = step;
            this.channels = channels;
            this.r = r;
            this.b = b;
            this.data = data;
            this.stamp = stamp;
        }

        /** The image's stamp, nanoseconds. */
        public long stampNanos() {
            return stamp;
        }

        /** The pixels as interleaved RGB (a new array). */
        public RgbImage convert() {
            return convert(null);
        }

        /**
         * The pixels as interleaved RGB, written into {@code reuse} when it has exactly the size (the caller then owns
         * both: the image is valid until it reuses the array), else into a new array.
         */
        public RgbImage convert(byte[] reuse) {
            byte[] rgb = reuse != null && reuse.length == width * height * 3 ? reuse : new byte[width * height * 3];
            int row = width * channels;
            if (channels == 3 && r == 0 && step == row) {
                data.get(0, rgb, 0, rgb.length);
                return new RgbImage(width, height, rgb, stamp);
            }
            byte[] line = new byte[row];
            int g = channels == 1 ? 0 : 1;
            for (int y = 0; y < height; y++) {
                data.get(y * step, line, 0, row);
                for (int x = 0, s = 0, d = y * width * 3; x < width; x++, s += channels, d += 3) {
                    rgb[d] = line[s + r];
                    rgb[d + 1] = line[s + g];
                    rgb[d + 2] = line[s + b];
                }
            }
            return new RgbImage(width, height, rgb, stamp);
        }
    }

    /**
     * Checks a raw image without converting it.
     *
     * @see #decode
     */
    public static Checked check(String encoding, int width, int height, int step, ByteBuffer data, long stamp,
                                int expectedW, int expectedH) throws Refusal {
        checkSize("image", width, height, expectedW, expectedH, Refusal.Reason.IMAGE_SIZE);
        int channels;
        int r;
        int b;
        switch (encoding) {
            case "rgb8" -> { channels = 3; r = 0; b = 2; }
            case "bgr8" -> { channels = 3; r = 2; b = 0; }
            case "rgba8" -> { channels = 4; r = 0; b = 2; }
            case "bgra8" -> { channels = 4; r = 2; b = 0; }
            case "mono8", "8UC1" -> { channels = 1; r = 0; b = 0; }
            default -> throw new Refusal(Refusal.Reason.IMAGE_ENCODING, "image encoding '" + encoding
                    + "' is not read; expected " + ENCODINGS + " (or a CompressedImage in JPEG or PNG)");
        }
        long row = (long) width * channels;
        if (step < row) {
            throw new Refusal(Refusal.Reason.IMAGE_STEP, "image " + width + "x" + height + " " + encoding
                    + " has step " + step + " bytes, shorter than a row of " + row + " bytes");
        }
        long need = (long) step * height;
        if (data.limit() < need) {
            throw new Refusal(Refusal.Reason.IMAGE_TRUNCATED, "image " + width + "x" + height + " " + encoding
                    + " with step " + step + " needs " + need + " bytes, got " + data.limit());
        }
        return new Checked(width, height, step, channels, r, b, data, stamp);
    }

    /**
     * Decodes a compressed image (JPEG or PNG, as image_transport's compressed plugin sends them). The size is read
     * from the header and checked before the pixels are decoded.
     *
     * @param format    the message's format ("jpeg", "png", or image_transport's "rgb8; jpeg compressed bgr8")
     * @param data      the compressed bytes
     * @param stamp     the header stamp, nanoseconds
     * @param expectedW the CameraInfo width, or 0 when unknown
     * @param expectedH the CameraInfo height, or 0 when unknown
     * @throws Refusal when the format is not JPEG or PNG, the data does not decode, or the size is wrong
     */
    public static RgbImage decodeCompressed(String format, byte[] data, long stamp, int expectedW, int expectedH)
            throws Refusal {
        String f = format.toLowerCase(Locale.ROOT);
        String kind = f.contains("png") ? "png" : f.contains("jpeg") || f.contains("jpg") ? "jpeg" : null;
        if (kind == null) {
            throw new Refusal(Refusal.Reason.IMAGE_ENCODING, "compressed image format '" + format
                    + "' is not read; expected jpeg or png");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new Refusal(Refusal.Reason.IMAGE_UNDECODABLE, "compressed image (" + format + ", "
                        + data.length + " bytes) is neither JPEG nor PNG data");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkSize("compressed image", reader.getWidth(0), reader.getHeight(0), expectedW, expectedH,
                        Refusal.Reason.IMAGE_SIZE);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refusal(Refusal.Reason.IMAGE_UNDECODABLE, "compressed image (" + format + ", " + data.length
                    + " bytes) does not decode: " + e.getMessage());
        }
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, line, 0, w);
            for (int x = 0, d = y * w * 3; x < w; x++, d += 3) {
                int p = line[x];
                rgb[d] = (byte) (p >> 16);
                rgb[d + 1] = (byte) (p >> 8);
                rgb[d + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb, stamp);
    }

    static void checkSize(String what, int width, int height, int expectedW, int expectedH, Refusal.Reason reason)
            throws Refusal {
        if (width < 1 || height < 1 || width > CameraModel.MAX_SIDE || height > CameraModel.MAX_SIDE) {
            throw new Refusal(reason, what + " is " + width + "x" + height + "; expected 1.." + CameraModel.MAX_SIDE
                    + " pixels a side");
        }
        if (expectedW > 0 && (width != expectedW || height != expectedH)) {
            throw new Refusal(reason, what + " is " + width + "x" + height + " but its CameraInfo says " + expectedW
                    + "x" + expectedH);
        }
    }
}
