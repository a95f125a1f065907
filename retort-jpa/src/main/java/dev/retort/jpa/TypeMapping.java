package dev.retort.jpa;

import dev.retort.RetortException;
import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Lob;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column type of a basic attribute: {@code columnDefinition} verbatim, else an attribute converter's
 * database type, else the Java type through the table in docs/autogenerate.md (Hibernate's defaults where
 * Retort has a portable type for them).
 */
final class TypeMapping {
    /** JPA's {@code @Column(length)} default. */
    static final int DEFAULT_LENGTH = 255;
    /** {@code org.hibernate.type.SqlTypes.JSON}. */
    private static final int JSON_TYPE_CODE = 3001;

    private final Map<Class<?>, Class<?>> autoApplied = new HashMap<>();
    /** The target dialect's name ({@code postgresql}, {@code mariadb}, ...): where Hibernate's type depends on it. */
    private final String engine;
    /** A {@code UUID} attribute's column type on the target server ({@link #uuidType}). */
    private final SqlType uuid;

    /**
     * @param scanned the scanned classes: {@code @Converter(autoApply = true)} ones apply to their attribute type
     * @param engine  the target dialect's name
     * @param uuid    a {@code UUID} attribute's column type there ({@link #uuidType})
     */
    TypeMapping(List<Class<?>> scanned, String engine, SqlType uuid) {
        this.engine = engine;
        this.uuid = uuid;
        for (Class<?> c : scanned) {
            Converter conv = c.getAnnotation(Converter.class);
            if (conv != null && conv.autoApply() && AttributeConverter.class.isAssignableFrom(c)) {
                Type[] args = converterArguments(c);
                if (args != null) autoApplied.put(Attribute.raw(args[0]), Attribute.raw(args[1]));
            }
        }
    }

    /**
     * @param column the {@code @Column} in force (an override's, or the attribute's own); may be null
     * @param type   the attribute's Java type (for element collections, the element type)
     */
    SqlType of(Attribute a, Column column, Class<?> type) {
        if (column != null && !column.columnDefinition().isBlank()) return ColumnDefinition.parse(column.columnDefinition()).type();
        if (isJson(a)) return SqlType.of(Kind.JSON);
        Class<?> dbType = converted(a, type);
        if (dbType != null) type = dbType;
        int length = column == null ? DEFAULT_LENGTH : column.length();
        Annotation size = Annotation.of(a.byName(OptionalAnnotations.SIZE));
        if (length == DEFAULT_LENGTH && size != null) {
            int max = size.intValue("max");
            if (max > 0 && max < Integer.MAX_VALUE) length = max;
        }
        int secondPrecision = column == null ? -1 : column.secondPrecision();
        boolean lob = a.has(Lob.class);

        if (type.isEnum() && dbType == null) {
            Enumerated e = a.get(Enumerated.class);
            if (e != null && e.value() == EnumType.STRING) {
                return SqlType.string(column != null && column.length() != DEFAULT_LENGTH ? column.length() : longestName(type));
            }
            return SqlType.of(Kind.INTEGER);
        }
        if (type == String.class || type == char[].class || type == Character[].class) {
            return lob ? largeObject(true, column) : SqlType.string(length);
        }
        if (type == byte[].class || type == Byte[].class) return lob ? largeObject(false, column) : SqlType.binary(length);
        if (type == boolean.class || type == Boolean.class) return SqlType.of(Kind.BOOLEAN);
        if (type == byte.class || type == Byte.class || type == short.class || type == Short.class) return SqlType.of(Kind.SMALLINT);
        if (type == int.class || type == Integer.class || type == java.time.Year.class) return SqlType.of(Kind.INTEGER);
        if (type == long.class || type == Long.class) return SqlType.of(Kind.BIGINT);
        if (type == float.class || type == Float.class) return SqlType.of(Kind.REAL);
        if (type == double.class || type == Double.class) return SqlType.of(Kind.DOUBLE);
        if (type == char.class || type == Character.class) return SqlType.chars(1);
        if (type == BigDecimal.class) {
            // JPA's precision 0 means "the provider's default": Hibernate's numeric(38, 2)
            int p = column == null ? 0 : column.precision();
            int s = column == null ? 0 : column.scale();
            return p == 0 ? SqlType.numeric(38, s == 0 ? 2 : s) : SqlType.numeric(p, s);
        }
        if (type == BigInteger.class) {
            int p = column == null ? 0 : column.precision();
            return SqlType.numeric(p == 0 ? 38 : p, 0);
        }
        if (type == java.time.LocalDate.class || type == java.sql.Date.class) return SqlType.of(Kind.DATE);
        if (type == java.time.LocalTime.class || type == java.sql.Time.class) return time(false, secondPrecision);
        if (type == java.time.OffsetTime.class) return time(hasTimeWithTimeZone(), secondPrecision);
        if (type == java.time.LocalDateTime.class || type == java.sql.Timestamp.class) return timestamp(false, secondPrecision);
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class || type == java.time.ZonedDateTime.class) {
            return timestamp(hasTimeZoneTypes(), secondPrecision);
        }
        if (type == java.util.Date.class || type == java.util.Calendar.class) {
            Temporal t = a.get(Temporal.class);
            TemporalType kind = t == null ? TemporalType.TIMESTAMP : t.value();
            return switch (kind) {
                case DATE -> SqlType.of(Kind.DATE);
                case TIME -> time(false, secondPrecision);
                case TIMESTAMP -> timestamp(false, secondPrecision);
            };
        }
        if (type == java.time.Duration.class) return SqlType.numeric(21, 0); // nanoseconds, Hibernate's portable mapping
        if (type == java.util.UUID.class) return uuid;
        if (type == java.sql.Blob.class) return largeObject(false, column);
        if (type == java.sql.Clob.class || type == java.sql.NClob.class) return largeObject(true, column);
        if (type == java.util.Locale.class || type == java.util.Currency.class || type == java.time.ZoneId.class
                || type == java.util.TimeZone.class || type == java.net.URL.class || type == java.net.URI.class
                || type == Class.class) {
            return SqlType.string(length);
        }
        if (lob && java.io.Serializable.class.isAssignableFrom(type)) return largeObject(false, column);
        throw new RetortException("JPA mapping of " + a.where() + ": no column type for Java type " + type.getTypeName()
                + "; map it with @Convert, @Embedded, a relationship, or @Column(columnDefinition = \"...\")");
    }

    /**
     * The column type Hibernate 6 (6.6's {@code MariaDBDialect}) declares for a {@code UUID}, which depends on the
     * server: MariaDB's native {@code uuid} from 10.7 on, {@code binary(16)} before it and on MySQL (Retort's portable
     * UUID, {@code CHAR(36)} there, is neither: a database Hibernate made drifted on every such column, and a Hibernate
     * application's {@code ddl-auto=validate} refused the columns Retort made). {@code uuid} is spelt as MariaDB reads it
     * back, {@code UUID}, so that the comparison is stable. Without a connection (a model loaded offline) a server of
     * 10.7 or later is assumed. Elsewhere the portable {@code UUID} ({@code uuid} on PostgreSQL and H2, as Hibernate's).
     */
    static SqlType uuidType(String engine, java.sql.Connection connection) {
        if (!engine.equals("mariadb")) return SqlType.of(Kind.UUID);
        if (connection == null) return SqlType.raw("UUID");
        try {
            java.sql.DatabaseMetaData md = connection.getMetaData();
            boolean mariadb = md.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mariadb")
                    || md.getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
            int major = md.getDatabaseMajorVersion();
            int minor = md.getDatabaseMinorVersion();
            boolean nativeUuid = mariadb && (major > 10 || major == 10 && minor >= 7);
            return nativeUuid ? SqlType.raw("UUID") : SqlType.raw("binary(16)");
        } catch (java.sql.SQLException e) {
            return SqlType.raw("UUID");
        }
    }

    /** Hibernate's {@code @JdbcTypeCode(SqlTypes.JSON)} (read when Hibernate is on the class path): a JSON column. */
    static boolean isJson(Attribute a) {
        Annotation code = Annotation.of(a.byName(OptionalAnnotations.JDBC_TYPE_CODE));
        return code != null && code.intValue("value") == JSON_TYPE_CODE;
    }

    /**
     * Whether a collection- or map-typed attribute is one basic column: a {@code columnDefinition}, a converter
     * (explicit or auto-applied) or {@code @JdbcTypeCode(SqlTypes.JSON)} says what it is stored as.
     */
    boolean isSingleColumn(Attribute a, Column column, Class<?> type) {
        return column != null && !column.columnDefinition().isBlank() || isJson(a) || converted(a, type) != null;
    }

    /** The database-side type of the attribute's converter ({@code @Convert}, or an auto-applied one); null for none. */
    private Class<?> converted(Attribute a, Class<?> type) {
        Convert convert = a.get(Convert.class);
        if (convert != null) {
            if (convert.disableConversion()) return null;
            if (convert.converter() != AttributeConverter.class) {
                Type[] args = converterArguments(convert.converter());
                if (args == null) {
                    throw new RetortException("JPA mapping of " + a.where() + ": cannot tell the database type of converter "
                            + convert.converter().getName() + " (it must implement AttributeConverter<X, Y> with concrete types)");
                }
                return Attribute.raw(args[1]);
            }
        }
        return autoApplied.get(boxed(type));
    }

    private static Type[] converterArguments(Class<?> converter) {
        for (Class<?> c = converter; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == AttributeConverter.class) {
                    Type[] args = p.getActualTypeArguments();
                    if (args[0] instanceof Class<?> || args[0] instanceof ParameterizedType) return args;
                }
            }
        }
        return null;
    }

    /**
     * {@code @Lob} (and {@code Blob}/{@code Clob}): the type Hibernate 6 declares and binds. On PostgreSQL
     * that is a large object, an {@code oid} column (Hibernate writes the content with the large-object API
     * and binds the column as a number: a {@code bytea} or {@code text} column refuses its inserts, and
     * {@code ddl-auto=validate} refuses it). On MariaDB the smallest of TINY/-/MEDIUM/LONG TEXT or BLOB that
     * holds {@code @Column(length)}, and without a length (JPA's default 255 counts as none, as in Hibernate)
     * {@code LONGTEXT} / {@code LONGBLOB}: a plain {@code TEXT}/{@code BLOB} holds 64 KB. Elsewhere
     * {@code BLOB} / {@code TEXT}.
     *
     * @param text character data (else bytes)
     */
    private SqlType largeObject(boolean text, Column column) {
        if (engine.equals("postgresql")) return SqlType.raw("oid");
        if (engine.equals("mariadb")) {
            int length = column == null ? DEFAULT_LENGTH : column.length();
            String size = length == DEFAULT_LENGTH ? "LONG" : length <= 255 ? "TINY" : length <= 65_535 ? ""
                    : length <= 16_777_215 ? "MEDIUM" : "LONG";
            if (!size.isEmpty()) return SqlType.raw(size + (text ? "TEXT" : "BLOB"));
        }
        return SqlType.of(text ? Kind.TEXT : Kind.BLOB);
    }

    /**
     * Whether an instant (or an offset time) has a type with time zone here. MariaDB has none: Hibernate 6
     * declares {@code DATETIME(6)} there (years 1000-9999) and normalises the instant; Retort's timestamp with
     * time zone would be {@code TIMESTAMP(6)}, which holds only 1970-2038 and refuses a valid {@code Instant}.
     * An {@code OffsetTime} is {@code TIME(6)} there, as Hibernate declares it (a time with time zone, which
     * MariaDB does not have, would be refused only when the revision runs).
     */
    private boolean hasTimeZoneTypes() {
        return !engine.equals("mariadb");
    }

    /**
     * Whether an {@code OffsetTime} is a time with time zone here. Hibernate 6.6 normalises it to UTC and declares
     * a plain {@code time(6)} on PostgreSQL (whose {@code time with time zone} it does not use) as on MariaDB, which
     * has none; a {@code time with time zone} only on H2 (kept on SQLite, which Hibernate's core does not cover).
     */
    private boolean hasTimeWithTimeZone() {
        return !engine.equals("mariadb") && !engine.equals("postgresql");
    }

    private static SqlType time(boolean tz, int precision) {
        return precision < 0 ? SqlType.time(tz) : new SqlType(Kind.TIME, null, precision, null, tz, null, null, null);
    }

    private static SqlType timestamp(boolean tz, int precision) {
        return precision < 0 ? SqlType.timestamp(tz) : new SqlType(Kind.TIMESTAMP, null, precision, null, tz, null, null, null);
    }

    /** The longest constant name of an enum, read from its fields (the enum is not initialised); 255 for none. */
    static int longestName(Class<?> enumType) {
        return Arrays.stream(enumType.getDeclaredFields()).filter(Field::isEnumConstant)
                .mapToInt(f -> f.getName().length()).max().orElse(DEFAULT_LENGTH);
    }

    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) return type;
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    /** Reads the members of an annotation known only by name. */
    record Annotation(java.lang.annotation.Annotation value) {
        static Annotation of(java.lang.annotation.Annotation a) {
            return a == null ? null : new Annotation(a);
        }

        Object get(String member) {
            try {
                return value.annotationType().getMethod(member).invoke(value);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }

        int intValue(String member) {
            return get(member) instanceof Integer i ? i : -1;
        }

        String stringValue(String member) {
            return get(member) instanceof String s ? s : null;
        }
    }
}
