package dev.wayfinder.render;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wayfinder.render.gl.EglContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that render ({@code @ExtendWith(NeedsEgl.class)}): when OpenGL through EGL cannot start here,
 * the class is skipped with a message that names the Debian packages to install; when the environment variable
 * {@code CI} is set (as {@code .ci/run} does), it fails instead, so a CI machine without them cannot pass by
 * skipping. Other modules use it through this module's test jar.
 */
public final class NeedsEgl implements ExecutionCondition {
    /** The Debian/Ubuntu packages that give headless OpenGL (Mesa llvmpipe through EGL surfaceless). */
    public static final String PACKAGES = "libegl1 libegl-mesa0 libgl1-mesa-dri";
    private static String problem; // null: not probed yet; "": EGL works

    /** Disabled (reported as skipped, with the reason) without EGL; under CI, a failure instead. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = probe();
        if (why.isEmpty()) {
            return ConditionEvaluationResult.enabled("EGL is available");
        }
        if (inCi()) {
            fail(message(why) + " [CI is set, so this fails instead of being skipped]");
        }
        return ConditionEvaluationResult.disabled(message(why));
    }

    private static String message(String why) {
        return "needs OpenGL through Mesa's EGL (Debian/Ubuntu: apt-get install " + PACKAGES + "): " + why;
    }

    /** Skips (or under CI fails) the calling test when EGL is not available. */
    public static void check() {
        String why = probe();
        if (why.isEmpty()) {
            return;
        }
        String message = message(why);
        if (inCi()) {
            fail(message + " [CI is set, so this fails instead of being skipped]");
        }
        Assumptions.abort(message);
    }

    /** Whether the environment variable CI is set to something other than empty or "false". */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    private static synchronized String probe() {
        if (problem == null) {
            try (EglContext ignored = EglContext.create()) {
                problem = "";
            } catch (RenderException e) {
                problem = e.getMessage();
            }
        }
        return problem;
    }
}
