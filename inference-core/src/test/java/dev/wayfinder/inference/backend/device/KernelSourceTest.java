package dev.wayfinder.inference.backend.device;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.tensor.Shape;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kernel text and the launches, checked without a device: every kind of step lowers to launches whose arguments
 * match the kernel's parameters one by one (what cuLaunchKernel cannot check), and the CUDA dialect of the text is
 * valid C++ (compiled by g++ with stand-ins for CUDA's built-ins; NVRTC itself needs a GPU machine). The OpenCL
 * dialect is compiled and run by the device parity tests on PoCL.
 */
class KernelSourceTest {

    /** One step of every kind (with both activations that take parameters). */
    static List<KernelSpec> everySpec() {
        float[] w = new float[4 * 2 * 3 * 3];
        return List.of(
                new KernelSpec.Conv2d(1, 4, 5, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 2, 5, 5, w, new float[4],
                        new Activation(Activation.Kind.LEAKY_RELU, 0.1f)),
                new KernelSpec.Dense(2, 3, 4, new float[12], new float[4], Activation.RELU),
                new KernelSpec.DenseInt8(2, 3, 4, new byte[12], new float[] {1, 1, 1, 1}, new float[4], Activation.NONE),
                new KernelSpec.MatMul(2, 3, 4, 5, 12, 0),
                new KernelSpec.Binary(KernelSpec.BinaryOp.MUL, Shape.of(2, 3), Shape.of(3), Shape.of(2, 3)),
                new KernelSpec.Unary(new Activation(Activation.Kind.SIGMOID, 0f), 7),
                new KernelSpec.Softmax(2, 3, 4),
                new KernelSpec.Pool(true, 1, 2, 4, 4, 2, 2, 2, 2, 0, 0, 2, 2, false),
                new KernelSpec.Concat(2, new int[] {3, 5}));
    }

    static DevicePlan planOf(List<KernelSpec> specs) {
        List<DevicePlan.Step> steps = new ArrayList<>();
        for (KernelSpec s : specs) {
            steps.add(new DevicePlan.Step(s, new int[] {0, 100}, 200));
        }
        return new DevicePlan(1000, steps, List.of(new DevicePlan.Range(0, 10)), List.of(new DevicePlan.Range(200, 10)),
                List.of());
    }

    /** Each kernel's parameters from the source text: "B" for a buffer, "I" for int, "F" for float. */
    static java.util.Map<String, String> signatures(String source) {
        java.util.Map<String, String> sig = new java.util.HashMap<>();
        Matcher m = Pattern.compile("KERNEL void (\\w+)\\(([^)]*)\\)").matcher(source);
        while (m.find()) {
            StringBuilder kinds = new StringBuilder();
            for (String p : m.group(2).split(",")) {
                String t = p.strip();
                kinds.append(t.contains("*") ? "B" : t.startsWith("int ") ? "I" : t.startsWith("float ") ? "F" : "?");
            }
            sig.put(m.group(1), kinds.toString());
        }
        return sig;
    }

    @Test
    void everyStepKindLaunchesKernelsWhoseArgumentsMatchTheirParameters() {
        for (KernelSource.Dialect d : KernelSource.Dialect.values()) {
            java.util.Map<String, String> sig = signatures(KernelSource.program(d));
            assertEquals(new HashSet<>(KernelSource.KERNELS), sig.keySet(), d + ": kernels defined in the text");
            DeviceLayout layout = DeviceLayout.of(planOf(everySpec()));
            Set<String> used = new HashSet<>();
            for (Launch l : layout.launches()) {
                StringBuilder kinds = new StringBuilder();
                for (Launch.Arg a : l.args()) {
                    kinds.append(switch (a) {
                        case Launch.BufferArg b -> "B";
                        case Launch.IntArg i -> "I";
                        case Launch.FloatArg f -> "F";
                    });
                }
                assertEquals(sig.get(l.kernel()), kinds.toString(), d + " " + l.kernel() + ": argument kinds and order");
                used.add(l.kernel());
            }
            assertEquals(new HashSet<>(KernelSource.KERNELS), used, "every kernel is used by some step kind");
        }
    }

    @Test
    void launchesCoverTheirOutputsInWholeGroups() {
        DeviceLayout layout = DeviceLayout.of(planOf(everySpec()));
        // conv: 5x5 pixels of 1 image, 2 output channels per group, 2 groups
        Launch conv = layout.launches().get(0);
        assertEquals(List.of(32, 16, 2), List.of(conv.global()[0], conv.global()[1], conv.global()[2]));
        assertEquals(List.of(16, 16, 1), List.of(conv.local()[0], conv.local()[1], conv.local()[2]));
        // the concatenation copies each input in a launch of its own, into its column range of the output
        List<Launch> copies = layout.launches().stream().filter(l -> l.kernel().equals("copy_rows")).toList();
        assertEquals(2, copies.size());
        assertEquals(new Launch.IntArg(200 + 3), copies.get(1).args().get(2));
        for (Launch l : layout.launches()) {
            for (int d = 0; d < 3; d++) {
                assertEquals(0, l.global()[d] % l.local()[d], l.kernel());
            }
        }
        // dense layers and the convolution pack weight then bias; the int8 layer's scale and bias follow
        assertEquals(w(everySpec()), layout.weights().length);
    }

    private static int w(List<KernelSpec> specs) {
        int n = 0;
        for (KernelSpec s : specs) {
            n += switch (s) {
                case KernelSpec.Conv2d c -> c.weight().length + c.bias().length;
                case KernelSpec.Dense d -> d.weight().length + d.bias().length;
                case KernelSpec.DenseInt8 q -> q.scale().length + q.bias().length;
                default -> 0;
            };
        }
        return n;
    }

    /** Stand-ins for what NVRTC provides, so g++ can check the CUDA dialect as the C++ it is. */
    private static final String CUDA_SHIM = """
            #include <math.h>
            struct wf_uint3 { unsigned x, y, z; };
            extern wf_uint3 threadIdx, blockIdx, blockDim;
            #define __global__
            #define __device__
            #define __shared__ static
            inline void __syncthreads() {}
            """;

    @Test
    void theCudaDialectIsValidCpp(@TempDir Path dir) throws Exception {
        Path gpp = null;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, "g++");
            if (Files.isExecutable(p)) {
                gpp = p;
                break;
            }
        }
        if (gpp == null) {
            String why = "needs g++ to check the CUDA kernel text (Debian/Ubuntu: apt-get install g++)";
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank() && !System.getenv("CI").equals("false")) {
                fail(why + " [CI is set, so this fails instead of being skipped]");
            }
            Assumptions.abort(why);
        }
        Path src = dir.resolve("kernels.cpp");
        Files.writeString(src, CUDA_SHIM + KernelSource.program(KernelSource.Dialect.CUDA));
        Process p = new ProcessBuilder(gpp.toString(), "-fsyntax-only", "-std=c++17", "-Wall", "-Wno-unused-variable",
                src.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "g++ did not finish");
        assertEquals(0, p.exitValue(), "g++ rejects the CUDA kernel text:\n" + out);
        assertTrue(out.isBlank(), "g++ warns about the CUDA kernel text:\n" + out);
    }

    @Test
    void bothDialectsShareTheKernelBody() {
        String cl = KernelSource.program(KernelSource.Dialect.OPENCL);
        String cu = KernelSource.program(KernelSource.Dialect.CUDA);
        String body = cl.substring(cl.indexOf("DEVICE_FN float wf_act"));
        assertTrue(cu.endsWith(body), "the CUDA text is its prelude plus the same body");
        assertTrue(cu.contains("extern \"C\" __global__") && cl.contains("__kernel"));
    }
}
