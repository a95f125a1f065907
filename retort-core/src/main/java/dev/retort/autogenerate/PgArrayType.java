package dev.retort.autogenerate;

/**
 * A PostgreSQL type as written, split from its array suffixes: {@code varchar(5)} and 2 of {@code varchar(5)[][]}; a
 * type that is no array is its own element, with 0. Blanks around a suffix are left out ({@code int [] []}).
 *
 * @param element the type without its suffixes
 * @param dims    how many suffixes it had
 */
record PgArrayType(String element, int dims) {
    static PgArrayType of(String type) {
        String element = type.strip();
        int dims = 0;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2).strip();
            dims++;
        }
        return new PgArrayType(element, dims);
    }
}
