package dev.retort.ops;

/**
 * A value that an operation sets or removes: {@code Change.to("0")} sets, {@code Change.remove()}
 * (value null) removes. A null {@code Change} field means "not touched" (or, for previous/existing
 * state, "not known").
 */
public record Change<T>(T value) {
    public static <T> Change<T> to(T value) {
        return new Change<>(value);
    }

    public static <T> Change<T> remove() {
        return new Change<>(null);
    }

    /** A Change for a value that may be absent: null becomes {@link #remove()}. */
    public static <T> Change<T> ofNullable(T value) {
        return new Change<>(value);
    }

    public boolean isRemoval() {
        return value == null;
    }
}
