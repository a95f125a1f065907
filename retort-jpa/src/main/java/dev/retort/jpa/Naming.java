package dev.retort.jpa;

import dev.retort.RetortException;

import java.util.Locale;

/**
 * From the names JPA works with (entity names, attribute names, names in annotations) to the names the
 * database holds.
 * <ul>
 *   <li>{@link Strategy#JPA}: names as written, as JPA and Hibernate's default physical naming leave them;</li>
 *   <li>{@link Strategy#SNAKE_CASE}: what Spring Boot applications get from Hibernate's
 *       {@code CamelCaseToUnderscoresNamingStrategy} ({@code orderLine} becomes {@code order_line}, lower
 *       case) together with {@code SpringImplicitNamingStrategy} (join tables named
 *       {@code <owning table>_<attribute>}).</li>
 * </ul>
 * In both, a database that folds unquoted identifiers (PostgreSQL to lower case, H2 to upper case, which
 * Retort reads back in lower case) gets the name in lower case: the application's SQL is unquoted, so that
 * is the table it will use. A name written quoted ({@code "\"Order\""} or Hibernate's {@code `Order`}) is
 * not folded: taken exactly by {@link Strategy#JPA}, snake-cased by {@link Strategy#SNAKE_CASE}.
 */
final class Naming {
    /** The naming choice of {@code jpa:PACKAGE?naming=...}. */
    enum Strategy {
        JPA, SNAKE_CASE;

        static Strategy parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "jpa", "default" -> JPA;
                case "snake_case", "snake" -> SNAKE_CASE;
                default -> throw new RetortException("Unknown naming '" + value + "' in target_metadata jpa:...?naming="
                        + value + "; use naming=jpa (names as written, the default) or naming=snake_case "
                        + "(Spring Boot's CamelCaseToUnderscoresNamingStrategy)");
            };
        }
    }

    private final Strategy strategy;
    private final boolean foldsCase;

    /**
     * @param foldsCase the database folds unquoted identifiers (PostgreSQL, H2): names are then kept in lower case
     */
    Naming(Strategy strategy, boolean foldsCase) {
        this.strategy = strategy;
        this.foldsCase = foldsCase;
    }

    Strategy strategy() {
        return strategy;
    }

    /**
     * A table, column, sequence or schema name. Under snake case a quoted one is snake-cased and lower-cased too,
     * keeping only its quotes, as {@code CamelCaseToUnderscoresNamingStrategy} does (its {@code apply} rewrites the
     * text and keeps the quoted flag): {@code "User"} is the table {@code "user"} the application queries.
     */
    String physical(String logical) {
        if (isQuoted(logical)) return strategy == Strategy.SNAKE_CASE ? snakeCase(unquote(logical)) : unquote(logical);
        String name = strategy == Strategy.SNAKE_CASE ? snakeCase(logical) : logical;
        return foldsCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** An index or constraint name: never rewritten to snake case (Hibernate's physical naming leaves them), only folded. */
    String constraint(String logical) {
        if (isQuoted(logical)) return unquote(logical);
        return foldsCase ? logical.toLowerCase(Locale.ROOT) : logical;
    }

    /** The default join table name of an owning association: JPA's {@code Owner_Target}, Spring's {@code owner_attribute}. */
    String joinTable(String owningTable, String targetTable, String attribute) {
        return physical(owningTable + "_" + (strategy == Strategy.SNAKE_CASE ? attribute : targetTable));
    }

    /**
     * Hibernate's {@code CamelCaseToUnderscoresNamingStrategy} (6.x): dots become underscores, an underscore
     * goes before an upper-case letter that follows a lower-case letter and is followed by one, then lower
     * case. A digit starts no word: {@code address2Line} is {@code address2line}, as Spring Boot writes it.
     */
    static String snakeCase(String name) {
        StringBuilder b = new StringBuilder(name.replace('.', '_'));
        for (int i = 1; i < b.length() - 1; i++) {
            if (Character.isLowerCase(b.charAt(i - 1)) && Character.isUpperCase(b.charAt(i)) && Character.isLowerCase(b.charAt(i + 1))) {
                b.insert(i++, '_');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    static boolean isQuoted(String name) {
        return name.length() > 2 && ((name.startsWith("\"") && name.endsWith("\"")) || (name.startsWith("`") && name.endsWith("`")));
    }

    private static String unquote(String name) {
        return name.substring(1, name.length() - 1);
    }
}
