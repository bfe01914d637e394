package dev.wayfinder.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import dev.wayfinder.render.RenderException;
import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/** One linked scene shader program (for one texture kind) and its uniform locations. Use on the context's thread only. */
public final class GlProgram implements AutoCloseable {
    private final int program;
    private final int uView;
    private final int uProj;
    private final int uToLight;
    private final int uLightColor;
    private final int uAmbient;
    private final int uFogColor;
    private final int uFogDensity;
    private final int uCylinder;
    private final FloatBuffer matrix = MemoryUtil.memAllocFloat(16);

    /**
     * Compiles and links the scene program for texture kind {@code kind} (0..6, in TextureKind order);
     * throws {@link RenderException} with the compiler log.
     */
    public GlProgram(int kind) {
        int vs = compile(GL_VERTEX_SHADER, ShaderSource.VERTEX, "vertex");
        int fs = compile(GL_FRAGMENT_SHADER, ShaderSource.fragment(kind), "fragment");
        program = glCreateProgram();
        glAttachShader(program, vs);
        glAttachShader(program, fs);
        glLinkProgram(program);
        glDeleteShader(vs);
        glDeleteShader(fs);
        if (glGetProgrami(program, GL_LINK_STATUS) != GL_TRUE) {
            throw new RenderException("scene shader program failed to link: " + glGetProgramInfoLog(program));
        }
        uView = glGetUniformLocation(program, "uView");
        uProj = glGetUniformLocation(program, "uProj");
        uToLight = glGetUniformLocation(program, "uToLight");
        uLightColor = glGetUniformLocation(program, "uLightColor");
        uAmbient = glGetUniformLocation(program, "uAmbient");
        uFogColor = glGetUniformLocation(program, "uFogColor");
        uFogDensity = glGetUniformLocation(program, "uFogDensity");
        uCylinder = glGetUniformLocation(program, "uCylinder");
    }

    private static int compile(int type, String source, String what) {
        int s = glCreateShader(type);
        glShaderSource(s, source);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) != GL_TRUE) {
            String log = glGetShaderInfoLog(s);
            glDeleteShader(s);
            throw new RenderException("scene " + what + " shader failed to compile: " + log);
        }
        return s;
    }

    /** Binds the program. */
    public void use() {
        glUseProgram(program);
    }

    /** Sets the view and projection matrices (column-major float[16]). */
    public void setCamera(float[] view, float[] proj) {
        matrix.clear();
        matrix.put(view).flip();
        glUniformMatrix4fv(uView, false, matrix);
        matrix.clear();
        matrix.put(proj).flip();
        glUniformMatrix4fv(uProj, false, matrix);
    }

    /** Sets light, ambient and fog (colours linear). */
    public void setLighting(float lx, float ly, float lz, float lr, float lg, float lb, float ambient,
                            float fr, float fg, float fb, float fogDensity) {
        glUniform3f(uToLight, lx, ly, lz);
        glUniform3f(uLightColor, lr, lg, lb);
        glUniform1f(uAmbient, ambient);
        glUniform3f(uFogColor, fr, fg, fb);
        glUniform1f(uFogDensity, fogDensity);
    }

    /** Tells the fragment shader whether cylinders are being drawn (texture coordinates differ). */
    public void setCylinder(boolean cylinder) {
        glUniform1i(uCylinder, cylinder ? 1 : 0);
    }

    @Override
    public void close() {
        glDeleteProgram(program);
        MemoryUtil.memFree(matrix);
    }
}
