package dev.retort.graph;

/**
 * An identifier that names no revision of the graph ("Can't locate revision identified by ..."): no id, label or
 * prefix matched. Its own type so that a caller that words the case differently ({@code branch@prefix} whose
 * revisions are off the branch) tells it from the graph's other errors by type, not by the message's words.
 */
public final class UnknownRevisionException extends GraphException {
    private final String identifier;

    public UnknownRevisionException(String identifier) {
        super(GraphErrors.cantLocateText(identifier));
        this.identifier = identifier;
    }

    /** The identifier as it was looked up. */
    public String identifier() {
        return identifier;
    }
}
