package dev.wayfinder.robot.net;

import dev.wayfinder.robot.net.Crc32Trailer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The trainable values of a {@link NetworkSpec}: one named float tensor per parameter, in the layouts shared by
 * DJL, inference-core and ONNX (convolution weights [out, in, 3, 3], dense weights [out, in], biases [out]).
 * This is the single source of truth the DJL block and the inference graph are built from. Immutable: the
 * arrays are copied in and out.
 *
 * <p>Names: {@code conv<i>.weight}, {@code conv<i>.bias}, {@code fc.weight}, {@code fc.bias},
 * {@code out.weight}, {@code out.bias}; with obstacle memory ({@link NetworkSpec#memorySectors} above 0) also
 * {@code aux.weight}, {@code aux.bias}: the head predicting the depth profile the memory is built from. A recurrent
 * network ({@link NetworkSpec#recurrentUnits} R above 0) adds its GRU cell gate by gate, so no consumer has to slice
 * a stacked matrix: input weights {@code gru.wz}, {@code gru.wr}, {@code gru.wn} [R, hidden], recurrent weights
 * {@code gru.uz}, {@code gru.ur}, {@code gru.un} [R, R], biases {@code gru.bz}, {@code gru.br}, {@code gru.bn_in},
 * {@code gru.bn_h} [R], with PyTorch's equations: z = σ(Wz x + Uz h + bz), r = σ(Wr x + Ur h + br),
 * n = tanh(Wn x + bn_in + r ⊙ (Un h + bn_h)), h' = (1 − z) ⊙ n + z ⊙ h. Its {@code fc.weight} reads the state
 * without h ([hidden, flat + {@link NetworkSpec#inputStateSize()}]) and {@code out.weight} reads h' ([actions, R]).
 */
public final class PolicyWeights {
    private static final int MAGIC = 0x57465057; // "WFPW"
    /**
     * Version 2 added the route look-ahead after the action count (version 1 files read as 0: goal bearing); version 3
     * the obstacle-memory sectors after it (earlier files read as 0: no memory); version 4 the recurrent units after
     * those (earlier files read as 0: feed-forward); version 5 whether the state carries the local planner's
     * preference after those (1 or 0; earlier files read as 0). Each file is written in the lowest version that holds
     * its network: a feed-forward network without planner inputs is still version 3, byte for byte as before, a
     * recurrent one version 4, so builds that predate a field read every file that does not use it.
     */
    private static final int VERSION = 5;

    /** The GRU cell's parameters in file order: input weights, recurrent weights, biases. */
    public static final List<String> GRU_NAMES = List.of("gru.wz", "gru.wr", "gru.wn", "gru.uz", "gru.ur", "gru.un",
            "gru.bz", "gru.br", "gru.bn_in", "gru.bn_h");

    private final NetworkSpec spec;
    private final Map<String, float[]> values;

    private PolicyWeights(NetworkSpec spec, Map<String, float[]> values) {
        this.spec = spec;
        this.values = values;
    }

    /** The parameter names and shapes of {@code spec}, in order. */
    public static Map<String, int[]> shapes(NetworkSpec spec) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < spec.convChannels().size(); i++) {
            m.put("conv" + i + ".weight", new int[] {spec.convChannels().get(i), spec.convIn(i), 3, 3});
            m.put("conv" + i + ".bias", new int[] {spec.convChannels().get(i)});
        }
        m.put("fc.weight", new int[] {spec.hidden(), spec.flatFeatures() + spec.inputStateSize()});
        m.put("fc.bias", new int[] {spec.hidden()});
        m.put("out.weight", new int[] {spec.actions(), spec.recurrent() ? spec.recurrentUnits() : spec.hidden()});
        m.put("out.bias", new int[] {spec.actions()});
        if (spec.memorySectors() > 0) {
            // A network with obstacle memory predicts the depth profile it remembers: its auxiliary head is part
            // of the deployed network, not a training-only extra.
            m.put("aux.weight", new int[] {NetworkSpec.AUX_TARGETS, spec.flatFeatures()});
            m.put("aux.bias", new int[] {NetworkSpec.AUX_TARGETS});
        }
        if (spec.recurrent()) {
            int r = spec.recurrentUnits();
            for (String name : GRU_NAMES) {
                m.put(name, name.startsWith("gru.w") ? new int[] {r, spec.hidden()}
                        : name.startsWith("gru.u") ? new int[] {r, r} : new int[] {r});
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Whether parameter {@code name} is a weight matrix (else a bias vector). */
    public static boolean isWeight(String name) {
        return name.endsWith(".weight") || name.startsWith("gru.w") || name.startsWith("gru.u");
    }

    /** Number of floats in a tensor of shape {@code dims}. */
    public static int size(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /**
     * He-initialised weights (normal, variance 2 / fan-in) and zero biases, drawn from {@code seed}; a GRU cell's
     * weights and biases uniform in ±1/sqrt(R), as PyTorch initialises its GRU.
     */
    public static PolicyWeights random(NetworkSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes(spec).entrySet()) {
            int[] d = e.getValue();
            float[] v = new float[size(d)];
            if (e.getKey().startsWith("gru.")) {
                double bound = 1 / Math.sqrt(spec.recurrentUnits());
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
                }
            } else if (e.getKey().endsWith(".weight")) {
                int fanIn = size(d) / d[0];
                double std = Math.sqrt(2.0 / fanIn) * (e.getKey().startsWith("out") ? 0.1 : 1);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (gaussian(rnd) * std);
                }
            }
            m.put(e.getKey(), v);
        }
        return new PolicyWeights(spec, m);
    }

    /**
     * Weights from explicit values.
     *
     * @throws IllegalArgumentException if a name is missing or extra, a size is wrong or a value not finite
     */
    public static PolicyWeights of(NetworkSpec spec, Map<String, float[]> values) {
        Objects.requireNonNull(spec, "spec");
        Map<String, int[]> shapes = shapes(spec);
        if (!shapes.keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("weights need exactly " + shapes.keySet() + ", got " + values.keySet());
        }
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v.length != size(e.getValue())) {
                throw new IllegalArgumentException(e.getKey() + " needs " + size(e.getValue()) + " values for shape "
                        + Arrays.toString(e.getValue()) + ", got " + v.length);
            }
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(e.getKey() + " holds a non-finite value");
                }
            }
            m.put(e.getKey(), v.clone());
        }
        return new PolicyWeights(spec, m);
    }

    /** The network shape. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The parameter names in order. */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /** A copy of parameter {@code name}. */
    public float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return v.clone();
    }

    /** The shape of parameter {@code name}. */
    public int[] shape(String name) {
        int[] d = shapes(spec).get(name);
        if (d == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return d.clone();
    }

    /** Total number of trainable values. */
    public int parameterCount() {
        return values.values().stream().mapToInt(a -> a.length).sum();
    }

    /** Serialises spec and values with a CRC-32 trailer. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            int version = spec.plannerInputs() ? 5 : spec.recurrent() ? 4 : 3;
            out.writeInt(version);
            out.writeInt(spec.width());
            out.writeInt(spec.height());
            out.writeInt(spec.convChannels().size());
            for (int c : spec.convChannels()) {
                out.writeInt(c);
            }
            out.writeInt(spec.hidden());
            out.writeInt(spec.actions());
            out.writeDouble(spec.routeLookahead());
            out.writeInt(spec.memorySectors());
            if (version >= 4) {
                out.writeInt(spec.recurrentUnits());
            }
            if (version >= 5) {
                out.writeInt(spec.plannerInputs() ? 1 : 0);
            }
            for (float[] v : values.values()) {
                out.writeInt(v.length);
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Crc32Trailer.append(bytes.toByteArray());
    }

    /**
     * Reads what {@link #toBytes()} wrote.
     *
     * @param source names the data in error messages (a file path)
     * @throws IOException when the data is truncated, corrupt (checksum) or of another version
     */
    public static PolicyWeights fromBytes(byte[] data, String source) throws IOException {
        if (data.length < 16) {
            throw new IOException(source + ": too short for policy weights (" + data.length + " bytes)");
        }
        int body = Crc32Trailer.verify(data, source, "the weights file");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, body))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(source + ": not a policy weights file");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IOException(source + ": weights version " + version + ", expected 1.." + VERSION);
            }
            int w = in.readInt();
            int h = in.readInt();
            int n = in.readInt();
            List<Integer> ch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ch.add(in.readInt());
            }
            int hidden = in.readInt();
            int actions = in.readInt();
            double route = version >= 2 ? in.readDouble() : 0;
            int memory = version >= 3 ? in.readInt() : 0;
            int recurrent = version >= 4 ? in.readInt() : 0;
            int planner = version >= 5 ? in.readInt() : 0;
            if (planner != 0 && planner != 1) {
                throw new IOException(source + ": the planner-inputs flag is " + planner + ", expected 0 or 1");
            }
            NetworkSpec spec;
            try {
                spec = new NetworkSpec(w, h, ch, hidden, actions, route, memory, recurrent, planner == 1);
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": " + e.getMessage(), e);
            }
            Map<String, float[]> m = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : shapes(spec).entrySet()) {
                int len = in.readInt();
                if (len != size(e.getValue())) {
                    throw new IOException(source + ": " + e.getKey() + " has " + len + " values, expected "
                            + size(e.getValue()));
                }
                float[] v = new float[len];
                for (int i = 0; i < len; i++) {
                    v[i] = in.readFloat();
                }
                m.put(e.getKey(), v);
            }
            return of(spec, m);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
