package dev.retort.config;

import java.nio.file.Path;
import java.util.Map;

/** Reads retort.toml. SKELETON: the scripts issue fills this in. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param file        the retort.toml
     * @param env         the {@code --env} overlay name, or null
     * @param name        the {@code -n} section for multidb projects, or null
     * @param urlOverride the {@code --url} flag, or null
     * @param environment environment variables (for RETORT_DATABASE_URL, DATABASE_URL and ${VAR})
     * @param x           {@code -x key=value} arguments
     */
    public static RetortConfig load(Path file, String env, String name, String urlOverride,
                                    Map<String, String> environment, Map<String, String> x) {
        throw new UnsupportedOperationException("config: not built yet");
    }
}
