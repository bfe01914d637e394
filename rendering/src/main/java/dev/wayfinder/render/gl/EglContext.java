package dev.wayfinder.render.gl;

import static org.lwjgl.egl.EGL10.*;
import static org.lwjgl.egl.EGL12.EGL_RENDERABLE_TYPE;
import static org.lwjgl.egl.EGL12.eglBindAPI;
import static org.lwjgl.egl.EGL14.eglGetCurrentContext;
import static org.lwjgl.egl.EGL14.EGL_OPENGL_API;
import static org.lwjgl.egl.EGL14.EGL_OPENGL_BIT;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_MAJOR_VERSION;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_MINOR_VERSION;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_OPENGL_PROFILE_MASK;

import dev.wayfinder.render.RenderException;
import java.nio.IntBuffer;
import java.util.Locale;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.egl.EGLCapabilities;
import org.lwjgl.egl.EXTDeviceQuery;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GLCapabilities;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.JNI;
import org.lwjgl.system.MemoryStack;

/**
 * A headless OpenGL 3.3 core context made current on the creating thread through EGL, with no window and
 * no X server: a GPU's EGL device where one is present, otherwise Mesa's surfaceless platform (llvmpipe).
 *
 * <p>The platform can be forced with the system property {@code wayfinder.egl} or the environment variable
 * {@code WAYFINDER_EGL}: {@code device} (GPU device only) or {@code surfaceless}. Not thread-safe: use
 * the context only on the thread that created it.
 */
public final class EglContext implements AutoCloseable {
    private static final int EGL_PLATFORM_DEVICE_EXT = 0x313F;
    private static final int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    private static final int EGL_EXTENSIONS_QUERY = 0x3055;
    private static final Object LOCK = new Object();
    private static int displayUsers;

    private final long display;
    private final long context;
    private final String platform;
    private final GLCapabilities caps;
    private final Thread owner;
    private boolean closed;

    private EglContext(long display, long context, String platform, GLCapabilities caps) {
        this.display = display;
        this.context = context;
        this.platform = platform;
        this.caps = caps;
        this.owner = Thread.currentThread();
    }

    /**
     * Creates the context and makes it current on this thread.
     *
     * @throws RenderException when EGL or an OpenGL 3.3 core context is not available; the message says
     *                         which Debian packages provide it
     */
    public static EglContext create() {
        synchronized (LOCK) {
            Configuration.OPENGL_CONTEXT_API.set("EGL");
            EGLCapabilities client;
            try {
                EGL.create();
            } catch (Throwable e) {
                if (!(e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("already"))) {
                    throw new RenderException("cannot load libEGL (" + e.getMessage() + "); install the Debian"
                            + " packages libegl1 libegl-mesa0 libgl1-mesa-dri, or a GPU driver with EGL", e);
                }
            }
            client = EGL.getCapabilities();
            String wanted = choice();
            long display = 0;
            String platform = null;
            if (!wanted.equals("surfaceless")) {
                display = gpuDisplay(client);
                platform = display != 0 ? "device" : null;
                if (display == 0 && wanted.equals("device")) {
                    throw new RenderException("wayfinder.egl=device was asked for, but no GPU EGL device"
                            + " was found (EGL_EXT_device_enumeration lists none besides software)");
                }
            }
            if (display == 0) {
                display = platformDisplay(client, EGL_PLATFORM_SURFACELESS_MESA, 0);
                platform = "surfaceless";
            }
            if (display == 0) {
                throw new RenderException("no EGL display: neither a GPU EGL device nor Mesa's surfaceless"
                        + " platform (EGL_MESA_platform_surfaceless) is available; install libegl1"
                        + " libegl-mesa0 libgl1-mesa-dri");
            }
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer major = stack.mallocInt(1);
                IntBuffer minor = stack.mallocInt(1);
                if (!eglInitialize(display, major, minor)) {
                    throw new RenderException("eglInitialize failed on the " + platform + " display: "
                            + errorName(eglGetError()));
                }
                displayUsers++;
                if (!eglBindAPI(EGL_OPENGL_API)) {
                    throw fail(display, "eglBindAPI(EGL_OPENGL_API) failed: " + errorName(eglGetError()));
                }
                IntBuffer cfgAttribs = stack.ints(EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                        EGL_NONE);
                PointerBuffer configs = stack.mallocPointer(1);
                IntBuffer count = stack.mallocInt(1);
                if (!eglChooseConfig(display, cfgAttribs, configs, count) || count.get(0) == 0) {
                    throw fail(display, "no EGL config renders OpenGL on the " + platform + " display");
                }
                IntBuffer ctxAttribs = stack.ints(EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                        EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE);
                long ctx = eglCreateContext(display, configs.get(0), EGL_NO_CONTEXT, ctxAttribs);
                if (ctx == EGL_NO_CONTEXT) {
                    throw fail(display, "cannot create an OpenGL 3.3 core context: " + errorName(eglGetError()));
                }
                if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
                    eglDestroyContext(display, ctx);
                    throw fail(display, "eglMakeCurrent without a surface failed (EGL_KHR_surfaceless_context"
                            + " missing?): " + errorName(eglGetError()));
                }
                GLCapabilities caps = GL.createCapabilities();
                return new EglContext(display, ctx, platform, caps);
            }
        }
    }

    private static String choice() {
        String v = System.getProperty("wayfinder.egl");
        if (v == null) {
            v = System.getenv("WAYFINDER_EGL");
        }
        v = v == null ? "auto" : v.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("auto") && !v.equals("device") && !v.equals("surfaceless")) {
            throw new RenderException("wayfinder.egl / WAYFINDER_EGL must be auto, device or surfaceless, got " + v);
        }
        return v;
    }

    private static long platformDisplay(EGLCapabilities client, int platformId, long nativeDisplay) {
        long fn = client.eglGetPlatformDisplay != 0 ? client.eglGetPlatformDisplay : client.eglGetPlatformDisplayEXT;
        if (fn == 0) {
            return 0;
        }
        // LWJGL's wrappers reject native_display == 0, which the surfaceless platform requires.
        return JNI.invokePPP(platformId, nativeDisplay, 0L, fn);
    }

    /** The first EGL device that is not Mesa's software device, as a display; 0 when there is none. */
    private static long gpuDisplay(EGLCapabilities client) {
        if (client.eglQueryDevicesEXT == 0 || client.eglQueryDeviceStringEXT == 0) {
            return 0;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer devices = stack.mallocPointer(16);
            IntBuffer n = stack.mallocInt(1);
            if (!org.lwjgl.egl.EXTDeviceEnumeration.eglQueryDevicesEXT(devices, n)) {
                return 0;
            }
            for (int i = 0; i < n.get(0); i++) {
                long dev = devices.get(i);
                String ext = EXTDeviceQuery.eglQueryDeviceStringEXT(dev, EGL_EXTENSIONS_QUERY);
                if (ext != null && ext.contains("EGL_MESA_device_software")) {
                    continue;
                }
                long d = platformDisplay(client, EGL_PLATFORM_DEVICE_EXT, dev);
                if (d != 0) {
                    return d;
                }
            }
        }
        return 0;
    }

    private static RenderException fail(long display, String message) {
        release(display);
        return new RenderException(message);
    }

    private static void release(long display) {
        displayUsers--;
        if (displayUsers == 0) {
            eglTerminate(display);
        }
    }

    static String errorName(int code) {
        return String.format(Locale.ROOT, "EGL error 0x%04X", code);
    }

    /** "device" or "surfaceless". */
    public String platform() {
        return platform;
    }

    /** The GL capabilities of this context. */
    public GLCapabilities capabilities() {
        return caps;
    }

    /** Throws unless called on the thread that created this context. */
    public void checkThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a renderer is bound to the thread that created it (" + owner.getName()
                    + "), called from " + Thread.currentThread().getName());
        }
        if (closed) {
            throw new IllegalStateException("renderer is closed");
        }
        // Several renderers may live on one thread: make this one current if another one was used last.
        if (eglGetCurrentContext() != context) {
            if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
                throw new RenderException("eglMakeCurrent failed: " + errorName(eglGetError()));
            }
            GL.setCapabilities(caps);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread();
        closed = true;
        synchronized (LOCK) {
            eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
            GL.setCapabilities(null);
            eglDestroyContext(display, context);
            release(display);
        }
    }
}
