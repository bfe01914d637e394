package dev.wayfinder.ros.mcap;

import java.io.IOException;

/**
 * A file that is not valid MCAP: truncated, corrupt or not MCAP at all. The message names the file, the byte
 * offset and what was expected there.
 */
public final class McapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The byte offset in the file where the problem was found. */
    private final long offset;
    /** What was wrong, without the file and offset. */
    private final String problem;

    /**
     * @param source the file's name, for the message
     * @param offset byte offset from the start of the file
     * @param problem what was found and what was expected
     */
    public McapFormatException(String source, long offset, String problem) {
        super(source + ": offset " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** @return what was found and what was expected, without the file name and offset */
    public String problem() {
        return problem;
    }

    /** @return the byte offset from the start of the file where the problem was found */
    public long offset() {
        return offset;
    }
}
