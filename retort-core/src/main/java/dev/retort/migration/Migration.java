package dev.retort.migration;

/**
 * Base class of Java revisions. Column and type helpers declared here are usable unqualified in
 * subclasses. A revision that does not override {@link #downgrade} is irreversible.
 */
public abstract class Migration {

    public abstract void upgrade(Operations op);

    public void downgrade(Operations op) {
        throw new IrreversibleMigrationException(getClass().getName());
    }

    /** True when this class (or a superclass below Migration) overrides {@code downgrade}. */
    public boolean isReversible() {
        try {
            return getClass().getMethod("downgrade", Operations.class).getDeclaringClass() != Migration.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
