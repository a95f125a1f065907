package dev.retort;

/** What Retort accepts in the text files it reads (retort.toml, revisions, model sources) beyond plain UTF-8. */
public final class TextFiles {
    private TextFiles() {
    }

    /** {@code text} without a leading UTF-8 byte-order mark, which Windows editors (Notepad) write. */
    public static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * {@code text} with the line ends of a file that has only CRs (classic Mac OS editors, some export tools) read
     * as LF, as its checksum reads them; a file with any LF is left as it is, CRLF included.
     */
    public static String withLineFeeds(String text) {
        return text.indexOf('\r') >= 0 && text.indexOf('\n') < 0 ? text.replace('\r', '\n') : text;
    }
}
