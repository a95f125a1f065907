package dev.retort.schema;

import java.util.List;

/**
 * A portable column type. Dialects map each kind to their own spelling; {@link Kind#RAW} carries a
 * dialect type verbatim (the escape hatch). Plain data: equal types compare equal.
 *
 * @param kind         the portable kind
 * @param length       for STRING, CHAR, BINARY; null when unbounded or not applicable
 * @param precision    for NUMERIC (and TIME/TIMESTAMP fractional seconds where given)
 * @param scale        for NUMERIC
 * @param withTimeZone for TIME and TIMESTAMP
 * @param enumName     for ENUM: the type's name where the engine has named enum types (PostgreSQL)
 * @param enumValues   for ENUM
 * @param raw          for RAW: the type as the engine spells it
 */
public record SqlType(Kind kind, Integer length, Integer precision, Integer scale, boolean withTimeZone,
                      String enumName, List<String> enumValues, String raw) {

    public enum Kind {
        BOOLEAN, SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, STRING, TEXT, CHAR,
        DATE, TIME, TIMESTAMP, BINARY, BLOB, UUID, JSON, ENUM, INTERVAL, RAW
    }

    public SqlType {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    public static SqlType of(Kind kind) {
        return new SqlType(kind, null, null, null, false, null, null, null);
    }

    public static SqlType string(int length) {
        return new SqlType(Kind.STRING, length, null, null, false, null, null, null);
    }

    public static SqlType chars(int length) {
        return new SqlType(Kind.CHAR, length, null, null, false, null, null, null);
    }

    public static SqlType binary(int length) {
        return new SqlType(Kind.BINARY, length, null, null, false, null, null, null);
    }

    public static SqlType numeric(int precision, int scale) {
        return new SqlType(Kind.NUMERIC, null, precision, scale, false, null, null, null);
    }

    public static SqlType timestamp(boolean withTimeZone) {
        return new SqlType(Kind.TIMESTAMP, null, null, null, withTimeZone, null, null, null);
    }

    public static SqlType time(boolean withTimeZone) {
        return new SqlType(Kind.TIME, null, null, null, withTimeZone, null, null, null);
    }

    public static SqlType enumOf(String name, List<String> values) {
        return new SqlType(Kind.ENUM, null, null, null, false, name, values, null);
    }

    public static SqlType raw(String spelling) {
        return new SqlType(Kind.RAW, null, null, null, false, null, null, spelling);
    }
}
