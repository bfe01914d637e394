package dev.wayfinder.scenarios.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document into a node tree, bounded: file size, nesting depth and alias expansion are
 * limited so that no input can exhaust memory or the stack. Every failure becomes a located
 * {@link ScenarioException}.
 */
final class YamlSource {
    /** Largest scenario file read, bytes. */
    static final long MAX_BYTES = 1L << 20;
    /** Deepest nesting of mappings and lists accepted. */
    static final int MAX_DEPTH = 24;
    /** Most aliases to mappings or lists accepted in one file (anchors are rarely needed at all). */
    static final int MAX_COLLECTION_ALIASES = 8;

    private YamlSource() {
    }

    static Node parseFile(Path file, String label) throws ScenarioException {
        byte[] bytes = readBounded(file, label);
        return parseText(decode(bytes, label), label);
    }

    static Node parseText(String text, String label) throws ScenarioException {
        if (text.length() > MAX_BYTES) {
            throw ScenarioException.of(label, "the text is " + text.length() + " characters long; scenario files"
                    + " are limited to " + MAX_BYTES + " bytes (1 MiB)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit((int) MAX_BYTES + 1)
                .build();
        try {
            Parser parser = new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, text)));
            Optional<Node> node = new Composer(settings, parser).getSingleNode();
            if (node.isEmpty()) {
                throw ScenarioException.of(label, "the file is empty: expected a YAML mapping with at least"
                        + " 'name', 'arena', 'starts' and 'goals'");
            }
            return node.get();
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String what = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (e.getContext() != null && !e.getContext().isBlank()) {
                what = e.getContext() + ", " + what;
            }
            throw new ScenarioException(List.of(new Problem(label, mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0), "", "malformed YAML: " + oneLine(what))));
        } catch (ReaderException e) {
            int[] lc = lineColumn(text, e.getPosition());
            throw new ScenarioException(List.of(new Problem(label, lc[0], lc[1], "", String.format(Locale.ROOT,
                    "the control character U+%04X is not allowed in YAML text", e.getCodePoint()))));
        } catch (YamlEngineException e) {
            String msg = oneLine(String.valueOf(e.getMessage()));
            if (msg.toLowerCase(Locale.ROOT).contains("alias")) {
                msg = "too many aliases (anchors referenced with *): at most " + MAX_COLLECTION_ALIASES
                        + " aliases of mappings or lists are allowed, which rules out alias bombs (" + msg + ")";
            }
            throw ScenarioException.of(label, "malformed YAML: " + msg);
        } catch (DepthLimitedParser.TooDeep e) {
            throw new ScenarioException(List.of(new Problem(label, e.line, e.column, "",
                    "nesting deeper than " + MAX_DEPTH + " levels of mappings and lists; a scenario needs far fewer")));
        }
    }

    private static byte[] readBounded(Path file, String label) throws ScenarioException {
        try {
            if (Files.isDirectory(file)) {
                throw ScenarioException.of(label, "is a directory, expected a scenario file (.yaml)");
            }
            if (!Files.exists(file)) {
                throw ScenarioException.of(label, "no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw ScenarioException.of(label, "is not a regular file (a device or pipe?), expected a scenario file");
            }
            if (!Files.isReadable(file)) {
                throw ScenarioException.of(label, "cannot be read (permission denied)");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw ScenarioException.of(label, String.format(Locale.ROOT,
                        "the file is %.1f MiB; scenario files are limited to 1 MiB, so it was not read", size / 1048576.0));
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw ScenarioException.of(label, "the file grew beyond 1 MiB while being read; not read");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw ScenarioException.of(label, "no such file");
        } catch (IOException | SecurityException e) {
            throw ScenarioException.of(label, "cannot be read: " + e.getMessage());
        }
    }

    private static String decode(byte[] bytes, String label) throws ScenarioException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw ScenarioException.of(label, "binary data (a NUL byte at offset " + i
                        + "): expected a YAML text file");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            throw ScenarioException.of(label, "not UTF-8 text (an invalid byte sequence): expected a YAML text file");
        } catch (CharacterCodingException e) {
            throw ScenarioException.of(label, "not UTF-8 text: expected a YAML text file");
        }
    }

    /** 1-based line and column of the code point at {@code position}. */
    private static int[] lineColumn(String text, int position) {
        int line = 1;
        int col = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < position; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col};
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** Counts open mappings and lists while the composer pulls events, and stops deep nesting early. */
    private static final class DepthLimitedParser implements Parser {
        private final Parser inner;
        private int depth;

        DepthLimitedParser(Parser inner) {
            this.inner = inner;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return inner.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return inner.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public Event next() {
            Event e = inner.next();
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        Optional<Mark> m = e.getStartMark();
                        throw new TooDeep(m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0));
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> { }
            }
            return e;
        }

        static final class TooDeep extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final int line;
            final int column;

            TooDeep(int line, int column) {
                super(null, null, false, false);
                this.line = line;
                this.column = column;
            }
        }
    }
}
