package dev.retort.autogenerate;

import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.SchemaBuilder;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.SqlType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * f10-2: the class: and sql: model sources read the MariaDB database's default collation alike, a name that is not
 * plain (which the sql: source would write into its scratch's CREATE DATABASE) taken as none by both. MariaDB's own
 * names are all plain, so the server is stood in for: an in-memory H2 answers the two questions with given values.
 */
class DatabaseCollationTest {

    @Test
    void aPlainNameIsTheDefaultAndAnyOtherNone() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:")) {
            assertThat(DatabaseCollation.defaultOf(answering(h2, "'utf8mb4_unicode_ci'"))).isEqualTo("utf8mb4_unicode_ci");
            assertThat(DatabaseCollation.defaultOf(answering(h2, "'utf8mb4_bin; DROP'"))).isNull();
            assertThat(DatabaseCollation.defaultOf(answering(h2, "CAST(NULL AS VARCHAR)"))).isNull();
        }
    }

    /** A class: model's table naming the default is one without; naming a name that is not plain, it keeps it, as in a sql: model. */
    @Test
    void theClassSourceTakesTheDefaultAsTheSqlSourceDoes() throws Exception {
        SchemaModel model = SchemaBuilder.schema()
                .table("named", t -> t.collation("utf8mb4_unicode_ci").column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                .table("odd", t -> t.collation("odd-name").column("id", SqlType.of(SqlType.Kind.INTEGER), c -> c.primaryKey()))
                .build();
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:")) {
            SchemaModel plain = ClassModelSource.tableCollations(model, context(answering(h2, "'utf8mb4_unicode_ci'")), "class:S");
            assertThat(plain.table("named").orElseThrow().collation()).isNull();
            assertThat(plain.table("odd").orElseThrow().collation()).isEqualTo("odd-name");
            // before, the class: source took "odd-name" as the database's default, which the sql: source never does
            SchemaModel odd = ClassModelSource.tableCollations(model, context(answering(h2, "'odd-name'")), "class:S");
            assertThat(odd.table("odd").orElseThrow().collation()).isEqualTo("odd-name");
            assertThat(odd.table("named").orElseThrow().collation()).isEqualTo("utf8mb4_unicode_ci");
        }
    }

    private static ModelContext context(Connection c) {
        return new ModelContext(null, Dialects.forName("mariadb"), c, null);
    }

    /**
     * {@code h2}, where the question for the database's default collation is answered with {@code collation} (an SQL
     * expression) and the one for its tables' collations with no table.
     */
    private static Connection answering(Connection h2, String collation) {
        return (Connection) Proxy.newProxyInstance(DatabaseCollationTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (p, method, args) -> {
                    Object result = invoke(h2, method, args);
                    if (!(result instanceof Statement s) || !method.getName().equals("createStatement")) return result;
                    return Proxy.newProxyInstance(DatabaseCollationTest.class.getClassLoader(), new Class<?>[]{Statement.class},
                            (q, m, a) -> {
                                if (m.getName().equals("executeQuery")) {
                                    String sql = (String) a[0];
                                    a = new Object[]{sql.contains("SCHEMATA") ? "SELECT " + collation
                                            : "SELECT 'x', 'y' WHERE FALSE"};
                                }
                                return invoke(s, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
