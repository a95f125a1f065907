package dev.retort.ops;

/**
 * The bounds, cache and cycle settings that {@link AlterSequence.Builder} and {@link AlterIdentity.Builder} share: a
 * sequence and an identity column's sequence change them the same way, and each records the current values so that
 * the change can be reversed.
 *
 * @param <B> the builder itself, returned by each setter for chaining
 */
public abstract class SequenceOptionsBuilder<B extends SequenceOptionsBuilder<B>> {
    /** What the change sets; an aspect null is left alone. */
    protected SequenceChange options = SequenceChange.NONE;
    /** The values those aspects have now (an aspect null = unknown). */
    protected SequenceChange existingOptions = SequenceChange.NONE;

    SequenceOptionsBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B minValue(long value) { options = options.withMinValue(Change.to(value)); return self(); }

    /** {@code NO MINVALUE}: the default of the type and direction. */
    public B noMinValue() { options = options.withMinValue(Change.remove()); return self(); }

    public B maxValue(long value) { options = options.withMaxValue(Change.to(value)); return self(); }

    /** {@code NO MAXVALUE}: the default of the type and direction. */
    public B noMaxValue() { options = options.withMaxValue(Change.remove()); return self(); }

    public B cache(long value) { options = options.withCache(Change.to(value)); return self(); }

    /** The engine's default cache (PostgreSQL 1, MariaDB 1000, H2 32). */
    public B defaultCache() { options = options.withCache(Change.remove()); return self(); }

    /** {@code CYCLE} (true) or {@code NO CYCLE}. */
    public B cycle(boolean value) { options = options.withCycle(value); return self(); }

    /** The current MINVALUE (null: the default). */
    public B existingMinValue(Long value) { existingOptions = existingOptions.withMinValue(Change.ofNullable(value)); return self(); }

    /** The current MAXVALUE (null: the default). */
    public B existingMaxValue(Long value) { existingOptions = existingOptions.withMaxValue(Change.ofNullable(value)); return self(); }

    /** The current CACHE (null: the engine's default). */
    public B existingCache(Long value) { existingOptions = existingOptions.withCache(Change.ofNullable(value)); return self(); }

    public B existingCycle(boolean value) { existingOptions = existingOptions.withCycle(value); return self(); }
}
