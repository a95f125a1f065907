package dev.retort.dialect.postgresql;

import dev.retort.dialect.AbstractDialect;
import dev.retort.dialect.DatabaseLock;
import dev.retort.dialect.OperationRenderer;
import dev.retort.dialect.Reflector;
import dev.retort.dialect.RenderContext;

import java.util.Set;

public final class PostgresDialect extends AbstractDialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    protected char identifierQuote() {
        return '"';
    }

    @Override
    protected Set<String> reservedWords() {
        return Set.of("select", "from", "where", "table", "order", "group", "user", "key", "index", "primary",
                "references", "check", "default", "column", "constraint", "unique", "create", "drop", "alter");
    }

    @Override
    public OperationRenderer renderer(RenderContext context) {
        return new PostgresRenderer(this, context);
    }

    @Override
    public Reflector reflector() {
        return new PostgresReflector(this);
    }

    @Override
    public DatabaseLock lock() {
        return new PostgresLock();
    }
}
