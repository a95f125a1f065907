package dev.retort.dialect.mariadb;

/**
 * The index to add back when a constraint's own index goes with it (t52-1). InnoDB makes an index named after a
 * foreign key when the key is created, and drops another key's index of its own that the new one also serves:
 * after {@code fk_a (p)} then {@code fk_b (p)} the table has index {@code fk_b} only, serving both keys. Dropping
 * {@code fk_b} with its index is then refused ("needed in a foreign key constraint"), so the drop adds back the index
 * of the key that needs it, named after that key, on that key's columns: the table is again as it was before
 * {@code fk_b} (as {@code dropIndex} does for the index a key needs).
 * <p>
 * The keys that need the index are those that start it (their columns are its first ones) and that no other index
 * serves. Those columns all start the same index, so the longest of them starts every other: one index, that of
 * the key with the most columns serves them all. Of several keys on those columns, the first by name gets it: the
 * catalog keeps no order of creation, so that may not be the name the index had before the dropped key was made;
 * it is the index of a key on those columns either way (what the schema comparison takes it for).
 * <p>
 * A query, not Java over the catalog, so that online (where it is run and its answer put in the statement) and the
 * {@code --sql} script (where the server runs it, on the database the script is run on) do the same.
 */
final class ForeignKeyIndexBack {
    private ForeignKeyIndexBack() {
    }

    /**
     * A query answering {@code ADD INDEX `key` (`col`, ...), } (its trailing comma and space included), or no row
     * when no other key needs the index.
     *
     * @param schema the table's database as SQL: a literal, or {@code DATABASE()}
     * @param table  the table's name as a literal
     * @param index  the name of the index that goes (the constraint's) as a literal
     */
    static String query(String schema, String table, String index) {
        String ofTable = "TABLE_SCHEMA = " + schema + " AND TABLE_NAME = " + table;
        // on lines of their own: the query is read in the --sql script
        return "SELECT CONCAT('ADD INDEX `', REPLACE(fk.name, '`', '``'), '` (', fk.cols, '), ')"
                + "\n  FROM (SELECT CONSTRAINT_NAME name, COUNT(*) n,"
                + " GROUP_CONCAT('`', REPLACE(COLUMN_NAME, '`', '``'), '`' ORDER BY ORDINAL_POSITION SEPARATOR ', ') cols"
                + " FROM information_schema.KEY_COLUMN_USAGE WHERE " + ofTable
                + " AND REFERENCED_TABLE_NAME IS NOT NULL AND CONSTRAINT_NAME <> " + index + " GROUP BY CONSTRAINT_NAME) fk"
                // per key, the indexes whose first columns are the key's, in order (n of them match)
                + "\n  JOIN (SELECT k.CONSTRAINT_NAME name, s.INDEX_NAME ix, COUNT(*) n"
                + " FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.STATISTICS s"
                + " ON s.TABLE_SCHEMA = k.TABLE_SCHEMA AND s.TABLE_NAME = k.TABLE_NAME AND s.SEQ_IN_INDEX = k.ORDINAL_POSITION"
                + " AND s.COLUMN_NAME = k.COLUMN_NAME AND s.SUB_PART IS NULL AND s.INDEX_TYPE = 'BTREE'"
                + " WHERE k." + ofTable.replace(" AND TABLE_NAME", " AND k.TABLE_NAME")
                + " AND k.REFERENCED_TABLE_NAME IS NOT NULL GROUP BY k.CONSTRAINT_NAME, s.INDEX_NAME) served"
                + " ON served.name = fk.name AND served.n = fk.n"
                + "\n  WHERE NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE " + ofTable + " AND INDEX_NAME = fk.name)"
                + "\n  GROUP BY fk.name, fk.n, fk.cols"
                + " HAVING SUM(served.ix = " + index + ") > 0 AND SUM(served.ix <> " + index + ") = 0"
                + "\n  ORDER BY fk.n DESC, fk.name LIMIT 1";
    }
}
