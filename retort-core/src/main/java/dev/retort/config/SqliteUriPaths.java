package dev.retort.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * File paths in SQLite's URI form ({@code jdbc:sqlite:file:PATH?options}). SQLite ends a URI's path at the first
 * {@code ?} or {@code #} and decodes {@code %XX} in it, and the driver splits any URL at its first {@code ?} for its
 * own pragmas, so a folder named {@code proj?v2} pasted in raw opened the file {@code proj} beside it (t34-1).
 */
public final class SqliteUriPaths {
    private SqliteUriPaths() {
    }

    /** {@code path} as a URI's path that SQLite reads back as exactly {@code path}. */
    public static String encode(String path) {
        return path.replace("%", "%25").replace("?", "%3F").replace("#", "%23");
    }

    /** The file path a URI's path stands for: {@code %XX} decoded, as SQLite does; a {@code %} that starts no escape stays. */
    public static String decode(String uriPath) {
        if (uriPath.indexOf('%') < 0) return uriPath;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < uriPath.length(); i++) {
            char c = uriPath.charAt(i);
            if (c == '%' && i + 2 < uriPath.length() && hex(uriPath.charAt(i + 1)) >= 0 && hex(uriPath.charAt(i + 2)) >= 0) {
                bytes.write(hex(uriPath.charAt(i + 1)) * 16 + hex(uriPath.charAt(i + 2)));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < uriPath.length()) {
                    raw = uriPath.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(raw);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The end of a URI's path in {@code uri} (the path and what follows): its first {@code ?} or {@code #}, or its length. */
    public static int pathEnd(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') return i;
        }
        return uri.length();
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
    }
}
