package dev.retort.autogenerate;

import dev.retort.config.RetortConfig;
import dev.retort.dialect.Dialect;

import java.sql.Connection;

/**
 * What a {@link ModelSource} may use.
 *
 * @param config      the run's configuration (base folder, class path, version table)
 * @param dialect     the target database's dialect
 * @param connection  a live connection to the target database, for scratch schemas; may be null offline
 * @param classLoader loads model classes: the configured class path over the application's
 */
public record ModelContext(RetortConfig config, Dialect dialect, Connection connection, ClassLoader classLoader) {
}
