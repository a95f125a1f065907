package dev.retort.graph;

public enum Direction {
    UPGRADE, DOWNGRADE, STAMP;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
