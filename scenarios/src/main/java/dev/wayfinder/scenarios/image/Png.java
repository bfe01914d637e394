package dev.wayfinder.scenarios.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * The project's one PNG writer (the JDK's encoder, javax.imageio): the same image gives the same bytes,
 * whoever writes it (maps, camera images, contact sheets, training curves). Stateless, thread-safe.
 */
public final class Png {
    private Png() {
    }

    /** The PNG file content of {@code image}. */
    public static byte[] encode(BufferedImage image) throws IOException {
        Objects.requireNonNull(image, "image");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 2 + 256);
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return bytes.toByteArray();
    }

    /**
     * Writes {@code image} as a PNG at {@code file}: parent folders created, the content written to a hidden
     * temporary file beside it and moved into place, so a reader (or a crash) never sees half a file.
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        byte[] data = encode(image);
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
