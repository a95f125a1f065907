package dev.retort.secrets;

import java.util.regex.Pattern;

/** Passwords in URLs found by their shape in free text, where no URL's bounds are known. */
public final class UrlSecrets {
    /**
     * For driver messages and stack traces, free text in which a URL's end is unknown: {@code password=} (and
     * {@code sslpassword=}, {@code keyStorePassword=}) up to the next {@code &} that starts a parameter (a segment
     * without {@code =} is the rest of a password with a raw {@code &}, r7-4) or the end of the line, which
     * may hide more than the password but never less; user info up to the last {@code @} before a path on the
     * same line, spaces included.
     */
    private static final Pattern TEXT_PASSWORD = Pattern.compile(
            "(?i)((?:^|[?&;:(\\s])[a-z_.]*password=)[^&\\n\\r]*(?:&[^&=\\n\\r]+(?=[&\\n\\r]|\\z))*");
    private static final Pattern TEXT_USERINFO = Pattern.compile("(://[^:/@?\\s]*:)[^/\\n\\r]*@");
    private static final Pattern TEXT_USERINFO_SLASH = Pattern.compile("(://[^:/@?\\s]*:)[^@\\s]*@");
    private static final Pattern TEXT_SLASH_PASSWORD = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:\\s]*/)[^@\\n\\r]*@");

    private UrlSecrets() {
    }

    /**
     * Free text (a driver's log line, a stack trace) with anything shaped like a password in a URL replaced by
     * {@code ***}; where the password's end is unclear, the rest of the line goes with it. Null stays null.
     */
    public static String maskText(String text) {
        if (text == null) return null;
        String masked = TEXT_USERINFO.matcher(text).replaceAll("$1***@");
        masked = TEXT_USERINFO_SLASH.matcher(masked).replaceAll("$1***@");
        masked = TEXT_SLASH_PASSWORD.matcher(masked).replaceAll("$1***@");
        return TEXT_PASSWORD.matcher(masked).replaceAll("$1***");
    }
}
