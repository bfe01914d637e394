package dev.wayfinder.inference.graph;

import dev.wayfinder.inference.ModelException;

/** A graph that is malformed or whose shapes do not fit together; the message names the node and value. */
public class GraphException extends ModelException {
    private static final long serialVersionUID = 1L;

    public GraphException(String message) {
        super(message);
    }
}
