package dev.retort.schema;

/**
 * @param expression the condition as SQL text, without the CHECK keyword and outer parentheses
 * @param notValid   added {@code NOT VALID} (PostgreSQL): it holds for rows written since, the rows already there
 *                   were not checked; false on every other engine
 */
public record CheckConstraint(String name, String expression, boolean notValid) implements Constraint {
    /** A validated check (the record's shape before {@code notValid} was added; many callers build these). */
    public CheckConstraint(String name, String expression) {
        this(name, expression, false);
    }

    public CheckConstraint withName(String n) {
        return new CheckConstraint(n, expression, notValid);
    }

    public CheckConstraint withExpression(String e) {
        return new CheckConstraint(name, e, notValid);
    }

    public CheckConstraint withNotValid(boolean v) {
        return new CheckConstraint(name, expression, v);
    }
}
