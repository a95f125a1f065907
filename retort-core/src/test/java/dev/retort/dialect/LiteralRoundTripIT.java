package dev.retort.dialect;

import dev.retort.testing.Engine;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline literals evaluated by the real engine give back the Java value: thousands of random strings
 * built from the characters that break quoting (quotes, backslashes, dollars, control characters,
 * unicode beyond the BMP), random bytes, dates and timestamps.
 */
class LiteralRoundTripIT {
    private static final String NASTY = "'\"`\\$?;-/*\n\r\t\u001a %_aZ9éß日本🎉𝄞\u00a0\u2028";

    private static String randomString(Random r, boolean allowNul) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(NASTY.length() + (allowNul ? 1 : 0));
            if (pick == NASTY.length()) sb.append('\0');
            else {
                int cp = NASTY.codePointAt(pick);
                if (Character.isLowSurrogate(NASTY.charAt(pick))) cp = NASTY.codePointAt(pick - 1);
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void literalsEvaluateToTheValue(Engine engine) throws Exception {
        Dialect d = OpsHarness.dialect(engine);
        Random r = new Random(20260122L + engine.ordinal());
        boolean nul = engine == Engine.MARIADB || engine == Engine.H2;
        try (TestDatabase db = TestDatabase.create(engine); Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int batch = 0; batch < 40; batch++) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < 50; i++) values.add(randomString(r, nul));
                String sql = "SELECT " + values.stream().map(d::literal).collect(Collectors.joining(", "));
                try (ResultSet rs = s.executeQuery(sql)) {
                    assertThat(rs.next()).isTrue();
                    for (int i = 0; i < values.size(); i++) {
                        assertThat(rs.getString(i + 1)).as("literal %s", d.literal(values.get(i))).isEqualTo(values.get(i));
                    }
                }
            }
            for (int i = 0; i < 20; i++) {
                byte[] bytes = new byte[r.nextInt(40)];
                r.nextBytes(bytes);
                try (ResultSet rs = s.executeQuery("SELECT " + d.literal(bytes))) {
                    rs.next();
                    assertThat(rs.getBytes(1)).isEqualTo(bytes);
                }
            }
            LocalDate day = LocalDate.of(1970 + r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28));
            LocalDateTime ts = day.atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000) * 1000);
            try (ResultSet rs = s.executeQuery("SELECT " + d.literal(day) + ", " + d.literal(ts) + ", "
                    + d.literal(null) + ", " + d.literal(12345678901234L))) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(day.toString());
                if (engine == Engine.SQLITE) {
                    assertThat(LocalDateTime.parse(rs.getString(2).replace(' ', 'T'))).isEqualTo(ts);
                } else {
                    assertThat(rs.getTimestamp(2).toLocalDateTime()).isEqualTo(ts);
                }
                assertThat(rs.getObject(3)).isNull();
                assertThat(rs.getLong(4)).isEqualTo(12345678901234L);
            }
        }
    }
}
