package dev.wayfinder.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} that writes into one of the {@link PrintWriter}s {@link Main#run} was given, for the
 * libraries that report progress to a stream (training, evaluation, benchmarks). UTF-8; flushes through to the
 * writer on every flush, so progress lines and bars appear as they are printed.
 */
public final class WriterStream {
  private WriterStream() {}

  /** A print stream (auto-flushing) whose text goes to {@code writer}. */
  public static PrintStream of(PrintWriter writer) {
    return new PrintStream(new Adapter(writer), true, StandardCharsets.UTF_8);
  }

  private static final class Adapter extends OutputStream {
    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer in = ByteBuffer.allocate(8192);
    private final CharBuffer out = CharBuffer.allocate(8192);

    Adapter(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      while (len > 0) {
        int n = Math.min(len, in.remaining());
        in.put(b, off, n);
        off += n;
        len -= n;
        drain();
      }
    }

    private void drain() {
      in.flip();
      while (true) {
        var result = decoder.decode(in, out, false);
        out.flip();
        writer.append(out);
        out.clear();
        if (!result.isOverflow()) {
          break;
        }
      }
      in.compact(); // keeps an incomplete multi-byte character for the next write
    }

    @Override
    public synchronized void flush() {
      writer.flush();
    }
  }
}
