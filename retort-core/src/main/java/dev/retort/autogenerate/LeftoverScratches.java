package dev.retort.autogenerate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the scratch databases on PostgreSQL and MariaDB, and the removal of those a process stopped outright
 * left (f4-1: {@code kill -9}, a crashed JVM, a CI job's timeout left {@code retort_scratch_*} databases forever).
 * A name carries the server's time of its creation ({@code retort_scratch_20261207161131_5510cd013f6a}, UTC), so
 * that before it makes a scratch Retort drops those of the same server that are older than {@link #LEFTOVER_AGE}
 * and that no session uses. Only names of exactly that form are Retort's: anything else is never touched (also
 * the scratches of earlier versions, named {@code retort_scratch_} and 12 hex digits, whose age is unknown).
 * A sweep that fails is logged at DEBUG and never fails the command.
 */
final class LeftoverScratches {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverScratches.class);
    /** No model load takes this long: an older scratch nobody uses is a leftover, not one being made. */
    static final Duration LEFTOVER_AGE = Duration.ofHours(1);
    private static final Pattern NAME = Pattern.compile("retort_scratch_(\\d{14})_[0-9a-f]{12}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

    private LeftoverScratches() {
    }

    /** A new scratch name made at {@code created}. */
    static String name(Instant created) {
        return "retort_scratch_" + STAMP.format(created) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** When the scratch {@code name} was made; null when the name is not exactly a scratch's of this form. */
    static Instant created(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) return null;
        try {
            return Instant.from(STAMP.parse(m.group(1)));
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** Whether {@code name} is a scratch older than {@link #LEFTOVER_AGE} at the server's time {@code now}. */
    static boolean old(String name, Instant now) {
        Instant created = created(name);
        return created != null && created.plus(LEFTOVER_AGE).isBefore(now);
    }

    /**
     * Drops the PostgreSQL leftovers this user owns, then names a new scratch. One no session is connected to
     * (pg_stat_activity) is dropped without FORCE, so that a session connecting meanwhile makes the DROP fail
     * rather than lose its database.
     */
    static String sweepPostgres(Connection target) {
        try {
            // DROP DATABASE cannot run in a transaction, and a failed statement there would abort the caller's
            if (!target.getAutoCommit()) return name(Instant.now());
        } catch (SQLException e) {
            return name(Instant.now());
        }
        Instant now = serverTime(target, "SELECT floor(extract(epoch FROM pg_catalog.clock_timestamp()))::bigint");
        if (now == null) return name(Instant.now());
        try {
            List<String> leftovers = new ArrayList<>();
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT d.datname FROM pg_catalog.pg_database d"
                    + " WHERE d.datname LIKE 'retort\\_scratch\\_%' AND pg_catalog.pg_has_role(d.datdba, 'MEMBER')"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datname = d.datname)")) {
                while (rs.next()) if (old(rs.getString(1), now)) leftovers.add(rs.getString(1));
            }
            for (String leftover : leftovers) drop(target, leftover, "DROP DATABASE IF EXISTS " + leftover);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Leftover scratch databases not looked for: {}", e.getMessage());
        }
        return name(now);
    }

    /**
     * Drops the MariaDB leftovers, then names a new scratch. A scratch is in use while a session has it as its
     * database (information_schema.PROCESSLIST, where a user without the PROCESS right sees only its own) or holds
     * the named lock of its name, which every user sees and its maker holds from before its CREATE to after its
     * DROP ({@link #lockMariaDb}); the sweep takes that lock itself for its DROP.
     */
    static String sweepMariaDb(Connection target) {
        Instant now = serverTime(target, "SELECT UNIX_TIMESTAMP()");
        if (now == null) return name(Instant.now());
        try {
            Set<String> inUse = new HashSet<>();
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT DB FROM"
                    + " information_schema.PROCESSLIST WHERE DB LIKE 'retort\\_scratch\\_%'")) {
                while (rs.next()) inUse.add(rs.getString(1));
            }
            List<String> leftovers = new ArrayList<>();
            try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM"
                    + " information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'retort\\_scratch\\_%'")) {
                while (rs.next()) if (old(rs.getString(1), now) && !inUse.contains(rs.getString(1))) leftovers.add(rs.getString(1));
            }
            for (String leftover : leftovers) {
                if (!lockMariaDb(target, leftover)) continue; // its maker (or another sweep) holds it
                try {
                    drop(target, leftover, "DROP DATABASE IF EXISTS " + leftover);
                } finally {
                    unlockMariaDb(target, leftover);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Leftover scratch databases not looked for: {}", e.getMessage());
        }
        return name(now);
    }

    /** Takes the named lock of the scratch {@code name} without waiting; whether it got it. */
    static boolean lockMariaDb(Connection c, String name) {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            LOG.debug("Named lock {} not taken: {}", name, e.getMessage());
            return false;
        }
    }

    static void unlockMariaDb(Connection c, String name) {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            ps.execute();
        } catch (SQLException e) {
            // released with the session anyway; the name is never used again
            LOG.debug("Named lock {} not released: {}", name, e.getMessage());
        }
    }

    private static void drop(Connection target, String leftover, String drop) {
        try (Statement s = target.createStatement()) {
            s.execute(drop);
            LOG.info("Dropped {}, a scratch database left on the server by a Retort process that was stopped outright", leftover);
        } catch (SQLException e) {
            LOG.debug("Leftover scratch database {} not dropped: {}", leftover, e.getMessage());
        }
    }

    /** The server's time (the names' stamps are the server's, so a client's clock never matters); null unknown. */
    private static Instant serverTime(Connection target, String query) {
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? Instant.ofEpochSecond(rs.getLong(1)) : null;
        } catch (SQLException e) {
            LOG.debug("Server time not read, leftover scratch databases not looked for: {}", e.getMessage());
            return null;
        }
    }
}
