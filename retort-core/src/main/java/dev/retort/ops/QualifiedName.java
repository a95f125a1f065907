package dev.retort.ops;

/** {@code schema.name} as revisions write it: one dot separates the schema; no dot means the default schema. */
public record QualifiedName(String schema, String name) {
    public static QualifiedName parse(String text) {
        int dot = text.indexOf('.');
        if (dot > 0 && dot < text.length() - 1 && text.indexOf('.', dot + 1) < 0) {
            return new QualifiedName(text.substring(0, dot), text.substring(dot + 1));
        }
        return new QualifiedName(null, text);
    }
}
