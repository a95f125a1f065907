package dev.retort.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the passwords are in a string known to be one database URL, by its structure rather than by what
 * a password usually looks like: a password may hold any character its driver takes (a space, {@code ;},
 * {@code ?}, {@code @}, {@code /}), and a mask that stopped at one of them printed the rest.
 */
final class UrlPasswords {
    /** Oracle's {@code jdbc:oracle:thin:user/password@host}: not supported, but refused with the URL shown. */
    private static final Pattern SLASH_FORM = Pattern.compile("(?i)jdbc:oracle:[a-z0-9]+:[^/@:]*/([^@]*)@");
    /**
     * {@code password=} and every parameter whose name ends so ({@code sslpassword}, {@code keyStorePassword}),
     * as a query or H2 setting, or in Connector/J's {@code address=(...)(password=...)} form.
     */
    private static final Pattern PARAMETER = Pattern.compile("(?i)(?:^|(?<=[?&;:(]))[a-z_.]*password\\s*=");

    private UrlPasswords() {
    }

    /** Where a password is: [start, end) of the URL. */
    private record Span(int start, int end) {
    }

    /** The passwords of {@code url}, as written in it. */
    static List<String> of(String url) {
        List<String> out = new ArrayList<>();
        for (Span s : spans(url)) {
            if (s.end() > s.start()) out.add(url.substring(s.start(), s.end()));
        }
        // the longest first: one password may contain another's text
        out.sort(Comparator.comparingInt(String::length).reversed());
        return out;
    }

    /** {@code url} with each password replaced by {@code ***}. */
    static String mask(String url) {
        List<Span> spans = spans(url);
        StringBuilder b = new StringBuilder(url);
        for (int i = spans.size() - 1; i >= 0; i--) {
            Span s = spans.get(i);
            // an empty one too: 'user:@' told the reader the account has none (t62-5)
            b.replace(s.start(), s.end(), "***");
        }
        return b.toString();
    }

    /** The passwords' places, in order and without overlaps. */
    private static List<Span> spans(String url) {
        List<Span> found = new ArrayList<>();
        Matcher slash = SLASH_FORM.matcher(url);
        while (slash.find()) found.add(new Span(slash.start(1), slash.end(1)));
        String separators = separators(url);
        Matcher p = PARAMETER.matcher(url);
        int from = 0;
        while (from < url.length() && p.find(from)) {
            boolean inParens = p.start() > 0 && url.charAt(p.start() - 1) == '(';
            String stops = inParens ? ")" : separators;
            int end = p.end();
            while (end < url.length() && stops.indexOf(url.charAt(end)) < 0) end++;
            // r7-4: a segment with no '=' after the value is no parameter: the rest of a password with a raw '&'
            while (!inParens && end < url.length()) {
                int next = end + 1;
                while (next < url.length() && stops.indexOf(url.charAt(next)) < 0) next++;
                if (next == end + 1 || url.substring(end + 1, next).contains("=")) break;
                end = next;
            }
            found.add(new Span(p.end(), end));
            from = Math.max(end, p.end() + 1);
        }
        Span userInfo = userInfoPassword(url, List.copyOf(found));
        if (userInfo != null) found.add(userInfo);
        return merged(found);
    }

    /**
     * What ends a parameter's value: pgjdbc, Connector/J and SQLite separate parameters with {@code &} only
     * (a {@code ;} is part of the password there), H2 with {@code ;} only; for an unknown URL, either.
     */
    private static String separators(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("h2:") || u.startsWith("h2+")) {
            // Retort's h2:///path?user=..&password=..: options after a '?' (before any ';') run to the URL's end,
            // separated by '&' only, so a ';' there is the value's (and refused), not the end of the password
            int query = u.indexOf('?');
            int semicolon = u.indexOf(';');
            return query >= 0 && (semicolon < 0 || query < semicolon) ? "&" : ";";
        }
        if (u.startsWith("jdbc:h2:")) return ";";
        for (String prefix : new String[]{"jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:", "jdbc:sqlite:", "postgres",
                "pgsql", "mysql", "mariadb", "sqlite"}) {
            if (u.startsWith(prefix)) return "&";
        }
        return "&;";
    }

    /**
     * The password of {@code user:password@host}. The user info starts after {@code ://}, or, in a mistyped URL
     * ({@code postgresql//u:p@h}, {@code postgresql:/u:p@h}, {@code u:p@h}), where it would have; of several
     * readings (a password may hold {@code ://}), the one that hides the most. The password
     * runs to the last {@code @}, as in Python's urllib (an unencoded {@code @} in a password is a common slip),
     * unless that one is in the query ({@code ?application_name=a@b}, {@code ?user=admin@srv}): after the
     * path's {@code /} and a {@code ?}, and followed by no {@code /}. This may hide more than the password of an
     * odd URL, never less. An {@code @} inside a password parameter's value does not count.
     */
    private static Span userInfoPassword(String url, List<Span> parameters) {
        int slashes = after(url, "//");
        int colonSlash = after(url, ":/");
        // (a JDBC URL's own colons, jdbc:oracle:thin:@//host, are no user info)
        int[] starts = slashes >= 0 || colonSlash >= 0 || url.regionMatches(true, 0, "jdbc:", 0, 5)
                ? new int[]{slashes, colonSlash} : new int[]{0, after(url, ":")};
        Span widest = null;
        for (int start : starts) {
            if (start < 0) continue;
            int colon = start;
            while (colon < url.length() && ":@/?".indexOf(url.charAt(colon)) < 0) colon++;
            if (colon >= url.length() || url.charAt(colon) != ':') continue;
            int from = colon + 1;
            for (int at = url.lastIndexOf('@'); at >= from; at = url.lastIndexOf('@', at - 1)) {
                int here = at;
                if (parameters.stream().anyMatch(p -> p.start() <= here && here < p.end())) continue; // ?password=a@b
                int slash = url.indexOf('/', from);
                boolean inQuery = slash >= 0 && slash < at && url.indexOf('?', slash) >= 0 && url.indexOf('?', slash) < at
                        && url.indexOf('/', at) < 0;
                if (!inQuery) {
                    if (widest == null || from < widest.start()) widest = new Span(from, at);
                    break;
                }
            }
        }
        return widest;
    }

    private static int after(String s, String what) {
        int i = s.indexOf(what);
        return i < 0 ? -1 : i + what.length();
    }

    private static List<Span> merged(List<Span> spans) {
        spans.sort(Comparator.comparingInt(Span::start));
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && s.start() <= last.end()) {
                out.set(out.size() - 1, new Span(last.start(), Math.max(last.end(), s.end())));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
