package dev.retort.config;

import dev.retort.RetortException;

/**
 * {@code target_metadata} read as {@code prefix:argument} ({@code sql:model.sql}, {@code class:com.app.Schema},
 * {@code jpa:com.app.entities}): the one reading of it, for the check of the file at load and for the model's loading.
 */
public record TargetMetadata(String scheme, String argument) {
    /** @param where the file (and table) the value comes from, for the message */
    public static TargetMetadata parse(String value, String where) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new RetortException("target_metadata '" + value + "' in " + where
                    + " has no prefix: use sql:FILE, class:NAME or jpa:PACKAGE");
        }
        return new TargetMetadata(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
    }
}
