package dev.retort.dialect.mariadb;

import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.Reflector;
import dev.retort.dialect.RenderContext;

import java.util.Set;

public final class MariaDbDialect extends AbstractDialect {
    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    protected char identifierQuote() {
        return '`';
    }

    @Override
    protected Set<String> reservedWords() {
        return Set.of("select", "from", "where", "table", "order", "group", "user", "key", "index", "primary",
                "references", "check", "default", "column", "constraint", "unique", "create", "drop", "alter");
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new MariaDbRenderer(this, context);
    }

    @Override
    public Reflector reflector() {
        return new MariaDbReflector(this);
    }

    @Override
    public DatabaseLock lock() {
        return new MariaDbLock();
    }
}
