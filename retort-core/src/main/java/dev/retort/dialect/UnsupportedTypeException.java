package dev.retort.dialect;

import dev.retort.RetortException;

/**
 * A portable type the engine does not have, from {@link Dialect#typeSql}. Renderers turn it into a
 * refusal that also names the operation (and, in a new table, the column).
 */
public final class UnsupportedTypeException extends RetortException {
    private final String reason;

    /** @param reason what the engine lacks, said of it: {@code has no interval type (type INTERVAL)} */
    public UnsupportedTypeException(String engine, String reason) {
        super(engine + " " + reason);
        this.reason = reason;
    }

    /** What the engine lacks, without the engine's name. */
    public String reason() {
        return reason;
    }
}
