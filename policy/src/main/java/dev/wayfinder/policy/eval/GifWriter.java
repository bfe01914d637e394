package dev.wayfinder.policy.eval;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes animated GIFs with the JDK's GIF writer (javax.imageio), looping forever. Stateless. */
public final class GifWriter {
    private GifWriter() {
    }

    /**
     * Writes {@code frames} (at least one, all the same size) to {@code file} atomically.
     *
     * @param delayMillis time per frame, milliseconds (rounded to 10 ms), &gt;= 10
     */
    public static void write(Path file, List<BufferedImage> frames, int delayMillis) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage f : frames) {
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(f);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(Math.max(1, delayMillis / 10)));
                gce.setAttribute("transparentColorIndex", "0");
                IIOMetadataNode apps = child(root, "ApplicationExtensions");
                IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                app.setAttribute("applicationID", "NETSCAPE");
                app.setAttribute("authenticationCode", "2.0");
                app.setUserObject(new byte[] {1, 0, 0});
                apps.appendChild(app);
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(f, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        dev.wayfinder.policy.data.AtomicFiles.write(file, bytes.toByteArray());
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
