package dev.retort.dialect.postgresql;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.chrono.IsoEra;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Date and time values as PostgreSQL reads them, spelled as pgjdbc sends them online, so that an offline script stores
 * what an online run stores (t19-4): years before 1 with {@code BC} (ISO year -43 is {@code 0044 BC}, year 0 is
 * {@code 0001 BC}; PostgreSQL reads {@code -0043} as a time zone), years past 9999 without ISO's {@code +}, fractions
 * rounded half up to microseconds (PostgreSQL would round a literal's half to even), {@code 24:00:00} for a time that
 * rounds past midnight, and {@code infinity}/{@code -infinity} for the {@code MAX}/{@code MIN} values.
 */
final class PgDateTimeText {
    /** Later than these is infinity, as pgjdbc has it (they would round up past the largest value). */
    private static final LocalTime MAX_TIME = LocalTime.MAX.minus(Duration.ofNanos(500));
    private static final LocalDateTime MAX_LOCAL_DATE_TIME = LocalDateTime.MAX.minus(Duration.ofMillis(500));
    private static final OffsetDateTime MAX_OFFSET_DATE_TIME = OffsetDateTime.MAX.minus(Duration.ofMillis(500));

    private PgDateTimeText() {
    }

    static String date(LocalDate d) {
        if (d.equals(LocalDate.MAX)) return "infinity";
        if (d.equals(LocalDate.MIN)) return "-infinity";
        return day(d) + era(d);
    }

    static String time(LocalTime t) {
        if (t.isAfter(MAX_TIME)) return "24:00:00";
        return clock(roundedToMicros(t.getNano()) ? t.plusNanos(1000) : t);
    }

    /** pgjdbc sends an OffsetTime's fraction cut to microseconds, not rounded. */
    static String timeTz(OffsetTime t) {
        return clock(t.toLocalTime()) + offset(t.getOffset().getId());
    }

    static String timestamp(LocalDateTime t) {
        if (t.isAfter(MAX_LOCAL_DATE_TIME)) return "infinity";
        if (t.equals(LocalDateTime.MIN)) return "-infinity";
        LocalDateTime r = roundedToMicros(t.getNano()) ? t.plusNanos(1000) : t;
        return day(r.toLocalDate()) + " " + clock(r.toLocalTime()) + era(r.toLocalDate());
    }

    static String timestampTz(OffsetDateTime t) {
        if (t.isAfter(MAX_OFFSET_DATE_TIME)) return "infinity";
        if (t.equals(OffsetDateTime.MIN)) return "-infinity";
        OffsetDateTime r = roundedToMicros(t.getNano()) ? t.plusNanos(1000) : t;
        return day(r.toLocalDate()) + " " + clock(r.toLocalTime()) + offset(r.getOffset().getId()) + era(r.toLocalDate());
    }

    /** Whether the part below a microsecond rounds up (the rest is then cut, as pgjdbc does). */
    private static boolean roundedToMicros(int nanos) {
        return nanos % 1000 > 499;
    }

    /** Year of the era (at least four digits), month, day. */
    private static String day(LocalDate d) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", d.get(ChronoField.YEAR_OF_ERA), d.getMonthValue(), d.getDayOfMonth());
    }

    private static String era(LocalDate d) {
        return d.get(ChronoField.ERA) == IsoEra.BCE.getValue() ? " BC" : "";
    }

    /** {@code HH:mm:ss[.ffffff]}: microseconds, trailing zeros dropped. */
    private static String clock(LocalTime t) {
        String s = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros == 0) return s;
        return s + "." + String.format(Locale.ROOT, "%06d", micros).replaceFirst("0+$", "");
    }

    private static String offset(String id) {
        return id.equals("Z") ? "+00:00" : id;
    }
}
