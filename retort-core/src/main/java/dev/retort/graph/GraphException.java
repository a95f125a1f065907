package dev.retort.graph;

import dev.retort.RetortException;

/** A revision graph that cannot be built, or an identifier that cannot be resolved in it. */
public class GraphException extends RetortException {
    public GraphException(String message) {
        super(message);
    }
}
