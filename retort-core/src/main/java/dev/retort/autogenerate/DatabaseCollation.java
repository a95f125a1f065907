package dev.retort.autogenerate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The default collation of a MariaDB connection's database: what a class: model's and a sql: model's table
 * collations are told against, so that both sources read it alike.
 */
final class DatabaseCollation {
    private DatabaseCollation() {
    }

    /**
     * The connection's database's default collation, null without one or where it is not a plain name: the sql:
     * source writes it into the scratch's CREATE DATABASE ... COLLATE, where anything else has no place.
     */
    static String defaultOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()")) {
            String collation = rs.next() ? rs.getString(1) : null;
            return collation != null && collation.matches("[A-Za-z0-9_]+") ? collation : null;
        }
    }
}
