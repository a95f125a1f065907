package dev.retort.schema;

/** One element of an index: a column, or an expression (exactly one is non-null). */
public record IndexElement(String column, String expression) {
    public static IndexElement column(String name) {
        return new IndexElement(name, null);
    }

    public static IndexElement expression(String sql) {
        return new IndexElement(null, sql);
    }

    public boolean isExpression() {
        return expression != null;
    }
}
