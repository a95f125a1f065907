package dev.retort.runtime;

import dev.retort.RetortException;
import dev.retort.graph.RevisionHeader;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link Retort#ensureUpToDate()}: the database lacks these revisions. */
public class NotUpToDateException extends RetortException {
    private static final long serialVersionUID = 1L;
    private final transient List<RevisionHeader> pending;

    public NotUpToDateException(String displayUrl, List<RevisionHeader> pending) {
        super("Target database is not up to date (" + displayUrl + "): " + pending.size() + " revision(s) pending: "
                + pending.stream().map(r -> r.id() + (r.message().isEmpty() ? "" : " (" + r.messageLine() + ")"))
                .collect(Collectors.joining(", ")));
        this.pending = List.copyOf(pending);
    }

    /** The revisions not yet applied, in the order an upgrade would run them. */
    public List<RevisionHeader> pending() {
        return pending;
    }

    /** The first pending revision. */
    public String revision() {
        return pending.isEmpty() ? null : pending.get(0).id();
    }
}
