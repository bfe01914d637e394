package dev.wayfinder.inference.graph;

import dev.wayfinder.inference.ModelException;

/** An operator (or an attribute value of one) that this core does not implement. */
public class UnsupportedOperatorException extends ModelException {
    private static final long serialVersionUID = 1L;
    private final String opType;
    private final String nodeName;

    public UnsupportedOperatorException(String opType, String nodeName, String detail) {
        super("unsupported operator " + opType + " in node '" + nodeName + "'" + (detail.isEmpty() ? "" : ": " + detail));
        this.opType = opType;
        this.nodeName = nodeName;
    }

    /** The operator type, e.g. {@code "LSTM"}. */
    public String opType() {
        return opType;
    }

    /** The name of the node that uses it. */
    public String nodeName() {
        return nodeName;
    }
}
