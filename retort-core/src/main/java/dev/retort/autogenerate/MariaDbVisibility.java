package dev.retort.autogenerate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether MariaDB shows this user a database's routines and triggers (f3-1). information_schema hides, without a
 * word, the routines a user may neither run nor change (unless it may read mysql.proc) and the triggers of tables it
 * has no TRIGGER right on: a SELECT-only user sees none, which is not the database lacking them. Read from SHOW GRANTS,
 * which, unlike information_schema's privilege tables, also lists the current role's grants.
 */
final class MariaDbVisibility {
    /** "GRANT privileges ON [PROCEDURE|FUNCTION|PACKAGE [BODY]] db.table TO ...", db and table `quoted` or *. */
    private static final Pattern GRANT = Pattern.compile(
            "GRANT (.+?) ON (?:PROCEDURE |FUNCTION |PACKAGE BODY |PACKAGE )?(\\*|`(?:[^`]|``)*`)\\.(\\*|`(?:[^`]|``)*`) TO .*",
            Pattern.DOTALL);
    private static final List<String> ROUTINE_RIGHTS = List.of("EXECUTE", "CREATE ROUTINE", "ALTER ROUTINE");

    /** What this user's grants show of one database. */
    record Visible(boolean routines, boolean triggers) {
    }

    private MariaDbVisibility() {
    }

    /** 'user'@'host' of the connection, for a GRANT statement; USER when it cannot be read. */
    static String grantee(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            String current = rs.next() ? rs.getString(1) : null;
            int at = current == null ? -1 : current.lastIndexOf('@');
            return at < 0 ? "USER" : "'" + current.substring(0, at) + "'@'" + current.substring(at + 1) + "'";
        } catch (SQLException unknown) {
            return "USER";
        }
    }

    /** Both shown when the grants cannot be read (a proxy that refuses SHOW GRANTS): the listing is then taken as is. */
    static Visible of(Connection c, String database) {
        List<String> grants = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) grants.add(rs.getString(1));
        } catch (SQLException unknown) {
            return new Visible(true, true);
        }
        return of(grants, database);
    }

    static Visible of(List<String> grants, String database) {
        boolean routines = false;
        boolean triggers = false;
        for (String grant : grants) {
            Matcher m = GRANT.matcher(grant);
            // a routine's or a table's own grant shows that one only, which the listing has anyway
            if (!m.matches()) continue;
            List<String> rights = rights(m.group(1));
            boolean all = rights.contains("ALL PRIVILEGES") || rights.contains("ALL");
            String db = m.group(2);
            boolean global = db.equals("*");
            if (global || m.group(3).equals("*") && matches(unquote(db), database)) {
                if (all || rights.stream().anyMatch(ROUTINE_RIGHTS::contains)) routines = true;
                if (all || rights.contains("TRIGGER")) triggers = true;
            }
            // reading mysql.proc shows every routine
            boolean mysql = global || unquote(db).equals("mysql")
                    && (m.group(3).equals("*") || unquote(m.group(3)).equals("proc"));
            if (mysql && (all || rights.contains("SELECT"))) routines = true;
        }
        return new Visible(routines, triggers);
    }

    /** "SELECT, INSERT (a, b), TRIGGER" -> [SELECT, TRIGGER]: a right on some columns only is no table-wide right. */
    private static List<String> rights(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char ch : (list + ",").toCharArray()) {
            if (ch == '(') depth++;
            if (ch == ')') depth--;
            if (ch == ',' && depth == 0) {
                String right = current.toString().trim();
                if (!right.contains("(")) out.add(right.toUpperCase(java.util.Locale.ROOT));
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        return out;
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }

    /** A database-level grant's name is a LIKE pattern: % and _ are wildcards, \ makes them plain. */
    static boolean matches(String pattern, String database) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '%') {
                regex.append(".*");
            } else if (ch == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(database).matches();
    }
}
