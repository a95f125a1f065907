package dev.retort.script;

import dev.retort.migration.IrreversibleMigrationException;
import dev.retort.migration.Migration;
import dev.retort.migration.MigrationContext;
import dev.retort.migration.Operations;

import java.util.List;
import java.util.Objects;

/**
 * A SQL revision as a runnable migration: each statement of a section goes through {@code op.execute}.
 * Statements are split with the lexer of the dialect being run ({@code op.context().dialect()}), with
 * the mysql client's {@code DELIMITER} lines honoured on MySQL/MariaDB.
 */
public final class SqlMigration extends Migration {
    private final String id;
    private final String upgradeSql;
    private final String downgradeSql;
    // the last split, kept so that a split made ahead of the run (RevisionPreloader) is not made again
    private String splitDialect;
    private List<String> upgradeSplit;
    private List<String> downgradeSplit;

    /** @param downgradeSql null for an irreversible revision */
    public SqlMigration(String id, String upgradeSql, String downgradeSql) {
        this.id = id;
        this.upgradeSql = upgradeSql;
        this.downgradeSql = downgradeSql;
    }

    public String id() {
        return id;
    }

    @Override
    public void upgrade(Operations op) {
        for (String statement : upgradeStatements(dialect(op))) op.execute(statement);
    }

    @Override
    public void downgrade(Operations op) {
        if (downgradeSql == null) throw new IrreversibleMigrationException(id);
        for (String statement : downgradeStatements(dialect(op))) op.execute(statement);
    }

    @Override
    public boolean isReversible() {
        return downgradeSql != null;
    }

    /** The statements of the upgrade section for {@code dialect} (sqlite, postgresql, mariadb, h2). */
    public List<String> upgradeStatements(String dialect) {
        forDialect(dialect);
        if (upgradeSplit == null) upgradeSplit = List.copyOf(splitter(dialect).split(upgradeSql));
        return upgradeSplit;
    }

    /** The statements of the downgrade section, or an empty list when there is none. */
    public List<String> downgradeStatements(String dialect) {
        if (downgradeSql == null) return List.of();
        forDialect(dialect);
        if (downgradeSplit == null) downgradeSplit = List.copyOf(splitter(dialect).split(downgradeSql));
        return downgradeSplit;
    }

    private void forDialect(String dialect) {
        if (!Objects.equals(dialect, splitDialect)) {
            splitDialect = dialect;
            upgradeSplit = null;
            downgradeSplit = null;
        }
    }

    private static String dialect(Operations op) {
        MigrationContext ctx = op.context();
        return ctx == null ? null : ctx.dialect();
    }

    private static SqlSplitter splitter(String dialect) {
        return SqlSplitter.forDialect(dialect);
    }

    @Override
    public String toString() {
        return "SQL revision " + id;
    }
}
