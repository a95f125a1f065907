package dev.retort;

/** What Retort accepts in the text files it reads (retort.toml, revisions, model sources) beyond plain UTF-8. */
public final class TextFiles {
    private TextFiles() {
    }

    /** {@code text} without a leading UTF-8 byte-order mark, which Windows editors (Notepad) write. */
    public static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
