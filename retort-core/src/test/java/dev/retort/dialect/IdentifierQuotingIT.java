package dev.retort.dialect;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every keyword any engine reserves, plus random names with quotes, backticks, spaces, capitals and
 * unicode, used as column and table names through {@link Dialect#quote}: each engine accepts them
 * all and reports the same names back (H2 upper-cases the bare ones, as it does for unquoted names).
 */
class IdentifierQuotingIT {
    private static final String CHARS = "abcXYZ_09 \"`'$é日-.";

    private static Set<String> allReservedWords() throws IOException {
        Set<String> words = new TreeSet<>();
        for (String engine : List.of("postgresql", "mariadb", "h2", "sqlite")) {
            try (InputStream in = AbstractDialect.class.getResourceAsStream("reserved-" + engine + ".txt")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) words.add(line.strip());
                }
            }
        }
        return words;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reservedWordsAndOddNamesAreAcceptedAndKeptExactly(Engine engine) throws Exception {
        Dialect d = OpsHarness.dialect(engine);
        Set<String> names = new LinkedHashSet<>(allReservedWords());
        Random r = new Random(7 + engine.ordinal());
        while (names.size() < allReservedWords().size() + 60) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
            String name = sb.toString().strip();
            if (!name.isEmpty()) names.add(name);
        }
        // A name differing only in case from another would collide where names fold (H2, MariaDB columns).
        Set<String> seen = new java.util.HashSet<>();
        names.removeIf(x -> !seen.add(x.toLowerCase(Locale.ROOT)));
        List<String> list = new ArrayList<>(names);
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect(); Statement s = c.createStatement()) {
            String table = "Odd \"table\" `name` ünï";
            s.execute("CREATE TABLE " + d.quote(table) + " ("
                    + list.stream().map(w -> d.quote(w) + " INTEGER").collect(Collectors.joining(", ")) + ")");
            List<String> reported = new ArrayList<>();
            String catalog = engine == Engine.MARIADB ? c.getCatalog() : null;
            try (ResultSet rs = c.getMetaData().getColumns(catalog, null, table, "%")) {
                while (rs.next()) reported.add(rs.getString("COLUMN_NAME"));
            }
            List<String> expected = list.stream()
                    .map(w -> engine == Engine.H2 && d.quote(w).equals(w) ? w.toUpperCase(Locale.ROOT) : w).toList();
            assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** H2 2.x keywords that are in no other engine's list, such as SYSTEM_USER (t9-6), are quoted too. */
    @org.junit.jupiter.api.Test
    void h2OwnKeywordsAreQuoted() throws Exception {
        Dialect d = OpsHarness.dialect(Engine.H2);
        try (TestDatabase db = TestDatabase.create(Engine.H2); Connection c = db.connect()) {
            OpsHarness.applyOnline(d, c, OpsHarness.ops(Engine.H2, op -> op.createTable("system_user",
                    dev.retort.migration.Migration.column("id", dev.retort.migration.Migration.INTEGER).primaryKey(),
                    dev.retort.migration.Migration.column("system_user", dev.retort.migration.Migration.string(30)))));
            List<String> reported = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "system_user", "%")) {
                while (rs.next()) reported.add(rs.getString("COLUMN_NAME"));
            }
            assertThat(reported).containsExactlyInAnyOrder("ID", "system_user");
        }
    }
}
