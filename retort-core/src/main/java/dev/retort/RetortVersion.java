package dev.retort;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build (also part of the compile-cache key). */
public final class RetortVersion {
    private static final String VERSION = load();

    private RetortVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = RetortVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
