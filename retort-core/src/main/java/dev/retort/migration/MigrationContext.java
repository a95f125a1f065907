package dev.retort.migration;

import java.util.Map;
import java.util.Optional;

/** What a running migration may know of its run. */
public interface MigrationContext {
    /** A value passed with {@code -x key=value}, or null. */
    String x(String key);

    Map<String, String> xArguments();

    /** The dialect's name: sqlite, postgresql, mariadb, h2. */
    String dialect();

    /** True when rendering SQL offline ({@code --sql}). */
    boolean offline();

    static MigrationContext of(String dialect, boolean offline, Map<String, String> x) {
        Map<String, String> copy = Map.copyOf(x);
        return new MigrationContext() {
            @Override public String x(String key) { return copy.get(key); }
            @Override public Map<String, String> xArguments() { return copy; }
            @Override public String dialect() { return dialect; }
            @Override public boolean offline() { return offline; }
        };
    }

    default Optional<String> xOptional(String key) {
        return Optional.ofNullable(x(key));
    }
}
