package dev.retort.dialect.h2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How an H2 database stores a name written bare. By default, H2 folds the name to upper case. With
 * {@code DATABASE_TO_LOWER=TRUE}, which Spring Boot's PostgreSQL-mode URL sets, it folds to lower case, and with
 * {@code DATABASE_TO_UPPER=FALSE} it keeps the case as written. Retort writes only lower-case names bare, so for
 * Retort the last two are alike. {@code CASE_INSENSITIVE_IDENTIFIERS} changes how names compare, not how they are
 * stored.
 *
 * @param upper whether bare names are folded to upper case
 */
record IdentifierCase(boolean upper) {
    /** H2's default, and what an offline script assumes. */
    static final IdentifierCase UPPER = new IdentifierCase(true);

    /** Read from the database's settings (H2 2.x). If the setting cannot be found, H2's default is used. */
    static IdentifierCase of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'DATABASE_TO_UPPER'")) {
            return rs.next() && "false".equalsIgnoreCase(rs.getString(1)) ? new IdentifierCase(false) : UPPER;
        }
    }

    /**
     * A stored name as reflection reports it. When names fold to upper case, an all-upper-case name is reported
     * in lower case (as SQLAlchemy does), so that a model written in lower case matches it and renders it bare.
     * Otherwise the name is reported exactly as stored.
     */
    String reported(String stored) {
        return upper && stored != null && stored.equals(stored.toUpperCase(Locale.ROOT)) ? stored.toLowerCase(Locale.ROOT) : stored;
    }

    /** The name H2 stores when {@code name} is written bare. */
    String storedBare(String name) {
        return upper ? name.toUpperCase(Locale.ROOT) : name;
    }
}
