package dev.wayfinder.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.wayfinder.render.RenderException;

/**
 * An offscreen target: RGBA8 colour, R32UI segmentation id, 32-bit float depth. Use on the context's
 * thread only.
 */
public final class Framebuffer implements AutoCloseable {
    private final int width;
    private final int height;
    private final int fbo;
    private final int color;
    private final int seg;
    private final int depth;

    /** Creates a {@code width x height} target (pixels, each &gt;= 1). */
    public Framebuffer(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("framebuffer size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        fbo = glGenFramebuffers();
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        color = renderbuffer(GL_RGBA8, GL_COLOR_ATTACHMENT0);
        seg = renderbuffer(GL_R32UI, GL_COLOR_ATTACHMENT1);
        depth = renderbuffer(GL_DEPTH_COMPONENT32F, GL_DEPTH_ATTACHMENT);
        glDrawBuffers(new int[] {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1});
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            throw new RenderException("offscreen framebuffer " + width + "x" + height + " incomplete: 0x"
                    + Integer.toHexString(status));
        }
    }

    private int renderbuffer(int format, int attachment) {
        int rb = glGenRenderbuffers();
        glBindRenderbuffer(GL_RENDERBUFFER, rb);
        glRenderbufferStorage(GL_RENDERBUFFER, format, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, attachment, GL_RENDERBUFFER, rb);
        return rb;
    }

    /** Width, pixels. */
    public int width() {
        return width;
    }

    /** Height, pixels. */
    public int height() {
        return height;
    }

    /** Binds this target for drawing and reading and sets the viewport to all of it. */
    public void bind() {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, width, height);
    }

    @Override
    public void close() {
        glDeleteFramebuffers(fbo);
        glDeleteRenderbuffers(color);
        glDeleteRenderbuffers(seg);
        glDeleteRenderbuffers(depth);
    }
}
