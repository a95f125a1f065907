package dev.retort.testing;

/** The database engines every suite runs against. */
public enum Engine {
    SQLITE("sqlite"), H2("h2"), POSTGRESQL("postgresql"), MARIADB("mariadb");

    private final String dialectName;

    Engine(String dialectName) {
        this.dialectName = dialectName;
    }

    public String dialectName() {
        return dialectName;
    }

    public boolean embedded() {
        return this == SQLITE || this == H2;
    }
}
