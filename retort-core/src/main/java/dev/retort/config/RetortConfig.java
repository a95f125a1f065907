package dev.retort.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The resolved configuration of one run: file, {@code [env.X]} overlay, environment variables and
 * command-line flags already applied, paths already absolute. Validated once, up front.
 *
 * @param file                    the retort.toml it came from (null when built in code)
 * @param scriptLocation          the folder made by init (absolute)
 * @param versionLocations        folders holding revision files (absolute), at least one
 * @param url                     the JDBC URL (12-factor URLs already converted); null if none given
 * @param displayUrl              the URL as shown to users, password masked
 * @param lockTimeout             how long upgrade/downgrade/stamp wait for another run's lock
 * @param classpath               extra classpath entries for compiling and running Java revisions
 * @param x                       {@code -x key=value} arguments
 * @param autogenerateInclude     name globs autogenerate considers (empty = everything)
 * @param autogenerateExclude     name globs autogenerate ignores
 */
public record RetortConfig(Path file, Path scriptLocation, List<Path> versionLocations, String url, String displayUrl,
                           String fileTemplate, int truncateSlugLength, String versionTable,
                           String versionTableSchema, String historyTable, boolean transactionPerMigration,
                           String targetMetadata, String timezone, Duration lockTimeout, List<Path> classpath,
                           Map<String, String> x, List<String> autogenerateInclude,
                           List<String> autogenerateExclude) {
    public RetortConfig {
        versionLocations = List.copyOf(versionLocations);
        classpath = List.copyOf(classpath);
        x = Map.copyOf(x);
        autogenerateInclude = List.copyOf(autogenerateInclude);
        autogenerateExclude = List.copyOf(autogenerateExclude);
    }

    /** The folder the config file sits in: relative paths and SQLite URLs resolve against it. */
    public Path baseDir() {
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }
}
