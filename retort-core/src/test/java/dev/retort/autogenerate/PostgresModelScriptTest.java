package dev.retort.autogenerate;

import dev.retort.script.SqlSplitter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a PostgreSQL sql: model file becomes before it runs in its scratch. */
class PostgresModelScriptTest {
    private static final String DUMP = """
            SELECT pg_catalog.set_config('search_path', '', false);
            CREATE SCHEMA app;
            ALTER SCHEMA app OWNER TO postgres;
            CREATE TABLE app.item (id integer NOT NULL, note text DEFAULT 'app.item'::text, tags text);
            ALTER TABLE app.item OWNER TO postgres;
            CREATE SEQUENCE app.item_id_seq;
            ALTER TABLE ONLY app.item ALTER COLUMN id SET DEFAULT nextval('app.item_id_seq'::regclass);
            CREATE INDEX item_tags ON app.item USING gin (tags app.gin_trgm_ops);
            COMMENT ON EXTENSION pg_trgm IS 'trigrams';
            GRANT SELECT ON TABLE app.item TO reader;
            """;

    private static List<String> sql(PostgresModelScript.Prepared p) {
        return p.statements().stream().map(SqlSplitter.Statement::sql).toList();
    }

    /** In a scratch database of its own the compared schema is made beforehand and nothing is renamed. */
    @Test
    void aScratchDatabaseKeepsTheNames() {
        PostgresModelScript.Prepared p = PostgresModelScript.prepare(SqlSplitter.postgresql().splitWhole(DUMP), "app", null);
        assertThat(p.skipped()).extracting(s -> s.statement().line()).containsExactly(2, 3, 5, 10);
        assertThat(sql(p)).contains("CREATE TABLE app.item (id integer NOT NULL, note text DEFAULT 'app.item'::text, tags text)");
    }

    /**
     * In a scratch schema the file's own objects move there, in code and in regclass literals; data, the database's
     * objects (an extension's operator class) and other schemas stay.
     */
    @Test
    void aScratchSchemaTakesTheFilesObjects() {
        PostgresModelScript.Prepared p = PostgresModelScript.prepare(SqlSplitter.postgresql().splitWhole(DUMP), "app", "retort_scratch_1");
        assertThat(p.skipped()).extracting(s -> s.statement().line()).containsExactly(2, 3, 5, 9, 10);
        assertThat(sql(p)).containsExactly(
                "SELECT pg_catalog.set_config('search_path', '', false)",
                "CREATE TABLE retort_scratch_1.item (id integer NOT NULL, note text DEFAULT 'app.item'::text, tags text)",
                "CREATE SEQUENCE retort_scratch_1.item_id_seq",
                "ALTER TABLE ONLY retort_scratch_1.item ALTER COLUMN id SET DEFAULT nextval('retort_scratch_1.item_id_seq'::regclass)",
                "CREATE INDEX item_tags ON retort_scratch_1.item USING gin (tags app.gin_trgm_ops)");
    }
}
