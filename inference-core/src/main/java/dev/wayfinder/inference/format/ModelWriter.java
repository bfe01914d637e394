package dev.wayfinder.inference.format;

import dev.wayfinder.inference.graph.Attribute;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.Node;
import dev.wayfinder.inference.graph.OpCodec;
import dev.wayfinder.inference.graph.ValueInfo;
import dev.wayfinder.inference.tensor.Tensor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** Serializes a graph in the model file layout. */
final class ModelWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ModelWriter() {
    }

    static byte[] write(Graph g) {
        ModelWriter body = new ModelWriter();
        body.graph(g);
        byte[] b = body.out.toByteArray();
        ModelWriter file = new ModelWriter();
        file.out.writeBytes(ModelFile.MAGIC);
        file.u16(ModelFile.VERSION);
        file.u16(0);
        file.i32(b.length);
        file.out.writeBytes(b);
        CRC32 crc = new CRC32();
        byte[] all = file.out.toByteArray();
        crc.update(all);
        file.i32((int) crc.getValue());
        return file.out.toByteArray();
    }

    private void graph(Graph g) {
        str(g.name());
        i32(g.inputs().size());
        for (ValueInfo v : g.inputs()) {
            str(v.name());
            dims(v.dims());
        }
        strings32(g.outputs());
        i32(g.initializers().size());
        for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) {
            str(e.getKey());
            out.write(ModelReader.DTYPE_F32);
            dims(e.getValue().shape().dims());
            for (int i = 0; i < e.getValue().size(); i++) {
                i32(Float.floatToRawIntBits(e.getValue().get(i)));
            }
        }
        i32(g.nodes().size());
        for (Node n : g.nodes()) {
            str(n.name());
            str(n.op().type());
            strings16(n.inputs());
            strings16(n.outputs());
            Map<String, Attribute> attrs = OpCodec.attributes(n.op());
            u16(attrs.size());
            for (Map.Entry<String, Attribute> a : attrs.entrySet()) {
                str(a.getKey());
                attribute(a.getValue());
            }
        }
    }

    private void attribute(Attribute a) {
        switch (a) {
            case Attribute.Int i -> {
                out.write(ModelReader.ATTR_INT);
                i64(i.value());
            }
            case Attribute.Float f -> {
                out.write(ModelReader.ATTR_FLOAT);
                i32(Float.floatToRawIntBits(f.value()));
            }
            case Attribute.Ints l -> {
                out.write(ModelReader.ATTR_INTS);
                i32(l.values().length);
                for (long v : l.values()) {
                    i64(v);
                }
            }
            case Attribute.Floats l -> {
                out.write(ModelReader.ATTR_FLOATS);
                i32(l.values().length);
                for (float v : l.values()) {
                    i32(Float.floatToRawIntBits(v));
                }
            }
            case Attribute.Str s -> {
                out.write(ModelReader.ATTR_STRING);
                str(s.value());
            }
        }
    }

    private void dims(int[] d) {
        out.write(d.length);
        for (int x : d) {
            i32(x);
        }
    }

    private void strings16(List<String> s) {
        u16(s.size());
        s.forEach(this::str);
    }

    private void strings32(List<String> s) {
        i32(s.size());
        s.forEach(this::str);
    }

    private void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > ModelReader.MAX_STRING) {
            throw new IllegalArgumentException("name longer than " + ModelReader.MAX_STRING + " bytes: " + s.substring(0, 40));
        }
        u16(b.length);
        out.writeBytes(b);
    }

    private void u16(int v) {
        out.write(v & 0xff);
        out.write(v >>> 8 & 0xff);
    }

    private void i32(int v) {
        u16(v & 0xffff);
        u16(v >>> 16);
    }

    private void i64(long v) {
        i32((int) v);
        i32((int) (v >>> 32));
    }
}
