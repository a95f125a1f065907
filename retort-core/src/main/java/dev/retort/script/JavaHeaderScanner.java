package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.graph.RevisionHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code @Revision(...)} annotation of a Java revision from its source text, without
 * compiling: a small lexer that skips comments, string and char literals, then parses the annotation's
 * elements (string literals and {@code {...}} arrays of them, booleans) and the name of the class it marks.
 */
final class JavaHeaderScanner {

    /** What the header of a Java revision holds. */
    /**
     * @param otherTypes the file's other top-level types (a helper class, enum, record or interface beside the
     *                   revision), which are compiled with every revision's and so must not repeat another file's
     */
    record JavaHeader(RevisionHeader header, boolean transactional, String className, List<String> otherTypes) {
    }

    private static final Set<String> ELEMENTS = Set.of("id", "revises", "message", "created", "branchLabels",
            "dependsOn", "transactional");

    private final String src;
    private final String file;
    private int pos;
    private int lineOffset;
    private int lineNumber = 1;
    private String packageName = "";
    /** Whether the annotation {@link #findAnnotation} found last sits inside a type's braces. */
    private boolean nested;

    private JavaHeaderScanner(String src, String file) {
        this.src = src;
        this.file = file;
    }

    static JavaHeader scan(String source, String file) {
        return new JavaHeaderScanner(source, file).run();
    }

    /**
     * Whether the revision declares a downgrade, read from its source for dry runs, which must not compile:
     * true when a {@code void downgrade(} declaration follows the class declaration; false when none does
     * and the class extends {@code Migration} itself; null when it extends another class, which may
     * declare one (only compiling can tell).
     */
    static Boolean declaresDowngrade(String source, String file) {
        return new JavaHeaderScanner(source, file).downgrade();
    }

    private Boolean downgrade() {
        run();
        skipSpace();
        if (peek() == '<') skipTypeArguments();
        skipSpace();
        String superclass = null;
        if (src.startsWith("extends", pos) && !Character.isJavaIdentifierPart(peekAt(7))) {
            pos += 7;
            skipSpace();
            superclass = qualifiedName();
        }
        String previous = "";
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                skipLiteral();
                previous = "";
            } else if (c == '/' && (peekAt(1) == '/' || peekAt(1) == '*')) {
                skipSpace();
            } else if (Character.isJavaIdentifierStart(c)) {
                String word = identifier();
                skipSpace();
                if (word.equals("downgrade") && previous.equals("void") && peek() == '(') return true;
                previous = word;
            } else {
                if (!Character.isWhitespace(c)) previous = "";
                pos++;
            }
        }
        boolean direct = "Migration".equals(superclass) || "dev.retort.migration.Migration".equals(superclass);
        return direct ? Boolean.FALSE : null;
    }

    private void skipTypeArguments() {
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '<') depth++;
            else if (c == '>' && --depth == 0) return;
        }
    }

    private JavaHeader run() {
        int at = findAnnotation();
        if (at < 0) {
            throw new RetortException(file + ": no @Revision annotation; every .java file in a version location "
                    + "must be a revision (@Revision(id = \"...\", revises = ...) on a class extending Migration)");
        }
        int annotationLine = lineOf(at);
        String id = null;
        List<String> revises = List.of();
        List<String> labels = List.of();
        List<String> depends = List.of();
        String message = "";
        String created = "";
        boolean transactional = true;
        Set<String> seen = new java.util.HashSet<>();

        skipSpace();
        if (peek() == '(') {
            pos++;
            skipSpace();
            if (peek() == '"') {
                // @Revision("id") is not valid for our annotation (no value() element); say so plainly
                throw error(lineOf(pos), "@Revision needs named elements, e.g. @Revision(id = \"ae1027a6acf1\", revises = {})");
            }
            while (peek() != ')') {
                if (pos >= src.length()) throw error(annotationLine, "@Revision( is not closed");
                int elementPos = pos;
                String name = identifier();
                if (name.isEmpty()) throw error(lineOf(pos), "unexpected '" + peek() + "' in @Revision");
                if (!ELEMENTS.contains(name)) {
                    throw error(lineOf(elementPos), "unknown @Revision element '" + name
                            + "' (expected id, revises, message, created, branchLabels, dependsOn, transactional)");
                }
                if (!seen.add(name)) throw error(lineOf(elementPos), "@Revision element '" + name + "' given twice");
                skipSpace();
                if (peek() != '=') throw error(lineOf(pos), "expected '=' after '" + name + "' in @Revision");
                pos++;
                skipSpace();
                int valueLine = lineOf(pos);
                switch (name) {
                    case "id" -> id = string(name, valueLine);
                    case "message" -> message = string(name, valueLine);
                    case "created" -> created = string(name, valueLine);
                    case "revises" -> revises = stringArray(name, valueLine);
                    case "branchLabels" -> labels = stringArray(name, valueLine);
                    case "dependsOn" -> depends = stringArray(name, valueLine);
                    case "transactional" -> transactional = bool(name, valueLine);
                    default -> throw new IllegalStateException(name);
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != ')') {
                    throw error(lineOf(pos), "expected ',' or ')' after the value of '" + name + "' in @Revision");
                }
            }
            pos++;
        }
        if (id == null || id.isBlank()) throw error(annotationLine, "@Revision has no id");
        RevisionIds.check(id, file + ":" + annotationLine);
        for (String r : revises) RevisionIds.check(r, file + ":" + annotationLine + ": revises");
        for (String r : depends) RevisionIds.checkReference(r, file + ":" + annotationLine + ": dependsOn");
        boolean inAnotherType = nested;
        String className = className();
        if (className == null) throw error(annotationLine, "no class declaration after @Revision");
        if (inAnotherType) {
            // loaded by its name, which would then be Outer$Name; and the other checks (a class name unique across
            // files, the downgrade scan) read top-level classes (t29-6)
            throw error(annotationLine, "@Revision class " + className + " is nested in another type; a revision's"
                    + " class must be a top-level class of its file: move it out");
        }
        refuseASecondRevision(className, annotationLine);
        if (!packageName.isEmpty()) className = packageName + "." + className;
        RevisionHeader header = new RevisionHeader(id, revises, labels, depends, message, created, file);
        return new JavaHeader(header, transactional, className, otherTopLevelTypes(className));
    }

    /**
     * One revision per file: the graph takes one header from each file, so a second {@code @Revision} class would
     * be left out of every command without a word (t29-2).
     */
    private void refuseASecondRevision(String first, int firstLine) {
        int resume = pos;
        int second = findAnnotation();
        if (second >= 0) {
            int line = lineOf(second);
            String other = className();
            throw error(line, "a second @Revision" + (other == null ? "" : " class, " + other + ",") + " beside class "
                    + first + " (line " + firstLine + "); each revision needs a file of its own: move "
                    + (other == null ? "it" : other) + " to another file");
        }
        pos = resume;
    }

    /**
     * The qualified names of the top-level types other than {@code main}: the word after {@code class},
     * {@code interface}, {@code enum} or {@code record} outside every brace, comment and literal (r8-1).
     */
    private List<String> otherTopLevelTypes(String main) {
        String prefix = packageName.isEmpty() ? "" : packageName + ".";
        List<String> out = new ArrayList<>();
        for (String name : topLevelTypes(false)) {
            if (!(prefix + name).equals(main)) out.add(prefix + name);
        }
        return List.copyOf(out);
    }

    /**
     * The simple names of the top-level types declared {@code public}, which javac accepts only in a file named
     * after the type (a template that writes {@code public class ${class_name}}, t29-9).
     */
    static List<String> publicTypes(String source, String file) {
        return new JavaHeaderScanner(source, file).topLevelTypes(true);
    }

    /** The simple names of the file's top-level types ({@code publicOnly}: those declared public). */
    private List<String> topLevelTypes(boolean publicOnly) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean isPublic = false; // a "public" modifier since the last declaration ended
        int resume = pos; // the header's scan goes on from here (declaresDowngrade reads on after the class)
        pos = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                skipLiteral();
            } else if (c == '/' && (peekAt(1) == '/' || peekAt(1) == '*')) {
                skipSpace();
            } else if (c == '{' || c == '}' || c == ';') {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (c == ';' && depth == 0) isPublic = false;
                pos++;
            } else if (Character.isJavaIdentifierStart(c) && (pos == 0 || !Character.isJavaIdentifierPart(src.charAt(pos - 1))
                    && src.charAt(pos - 1) != '.')) {
                String word = identifier();
                if (depth == 0 && word.equals("public")) isPublic = true;
                if (depth == 0 && TYPE_WORDS.contains(word)) {
                    skipSpace();
                    String name = identifier();
                    skipSpace();
                    boolean type = !name.isEmpty() && (!word.equals("record") || peek() == '(' || peek() == '<');
                    if (type && (isPublic || !publicOnly)) out.add(name);
                    if (type) isPublic = false;
                }
            } else {
                pos++;
            }
        }
        pos = resume;
        return List.copyOf(out);
    }

    private static final Set<String> TYPE_WORDS = Set.of("class", "interface", "enum", "record");

    private RetortException error(int line, String message) {
        return new RetortException(file + ":" + line + ": " + message);
    }

    /**
     * Position just after {@code @Revision} / {@code @dev.retort.migration.Revision}, or -1; {@link #nested} says
     * whether it sits inside braces (counted from where the search starts).
     */
    private int findAnnotation() {
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '{' || c == '}') {
                depth += c == '{' ? 1 : -1;
                pos++;
            } else if (c == '/' && peekAt(1) == '/') {
                skipLineComment();
            } else if (c == '/' && peekAt(1) == '*') {
                skipBlockComment();
            } else if (c == '"' || c == '\'') {
                skipLiteral();
            } else if (c == 'p' && (pos == 0 || !Character.isJavaIdentifierPart(src.charAt(pos - 1)))
                    && src.startsWith("package", pos) && !Character.isJavaIdentifierPart(peekAt(7))) {
                pos += 7;
                skipSpace();
                packageName = qualifiedName();
            } else if (c == '@') {
                int start = pos;
                pos++;
                skipSpace();
                String name = qualifiedName();
                if (name.equals("Revision") || name.equals("dev.retort.migration.Revision")) {
                    nested = depth > 0;
                    return start;
                }
            } else {
                pos++;
            }
        }
        return -1;
    }

    /** The identifier after the next {@code class} keyword (skipping other annotations and modifiers). */
    private String className() {
        while (pos < src.length()) {
            skipSpace();
            if (pos >= src.length()) return null;
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                skipLiteral();
            } else if (Character.isJavaIdentifierStart(c)) {
                String word = identifier();
                if (word.equals("class")) {
                    skipSpace();
                    String name = identifier();
                    return name.isEmpty() ? null : name;
                }
            } else {
                pos++;
            }
        }
        return null;
    }

    private String string(String element, int line) {
        if (peek() != '"') throw error(line, "'" + element + "' in @Revision must be a string literal");
        if (src.startsWith("\"\"\"", pos)) throw error(line, "'" + element + "' in @Revision must be a one-line string literal");
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '"') {
                skipSpace();
                if (peek() == '+') throw error(line, "'" + element + "' in @Revision must be a single string literal (no +)");
                return sb.toString();
            }
            if (c == '\n') break;
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 's' -> sb.append(' ');
                    case 'u' -> {
                        while (peek() == 'u') pos++;
                        if (pos + 4 > src.length()) throw error(line, "bad \\u escape in '" + element + "'");
                        sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; k++) v = v * 8 + (src.charAt(pos++) - '0');
                            sb.append((char) v);
                        } else {
                            sb.append(e);
                        }
                    }
                }
            } else {
                sb.append(c);
            }
        }
        throw error(line, "unterminated string in '" + element + "' of @Revision");
    }

    private List<String> stringArray(String element, int line) {
        if (peek() == '"') return List.of(string(element, line));
        if (peek() != '{') {
            throw error(line, "'" + element + "' in @Revision must be a string or {\"a\", \"b\"}, not '"
                    + abbreviatedValue() + "'");
        }
        pos++;
        List<String> out = new ArrayList<>();
        skipSpace();
        while (peek() != '}') {
            if (peek() != '"') {
                throw error(lineOf(pos), "'" + element + "' in @Revision must be a string or {\"a\", \"b\"}, not '"
                        + abbreviatedValue() + "'");
            }
            out.add(string(element, lineOf(pos)));
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error(lineOf(pos), "expected ',' or '}' in '" + element + "' of @Revision");
            }
        }
        pos++;
        return out;
    }

    private boolean bool(String element, int line) {
        String word = identifier();
        if (word.equals("true")) return true;
        if (word.equals("false")) return false;
        throw error(line, "'" + element + "' in @Revision must be true or false");
    }

    private String abbreviatedValue() {
        int end = pos;
        while (end < src.length() && end - pos < 30 && ",)\n".indexOf(src.charAt(end)) < 0) end++;
        return src.substring(pos, end).strip();
    }

    private String identifier() {
        int start = pos;
        if (pos < src.length() && Character.isJavaIdentifierStart(src.charAt(pos))) {
            pos++;
            while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) pos++;
        }
        return src.substring(start, pos);
    }

    private String qualifiedName() {
        StringBuilder sb = new StringBuilder(identifier());
        while (true) {
            int save = pos;
            skipSpace();
            if (peek() != '.') {
                pos = save;
                return sb.toString();
            }
            pos++;
            skipSpace();
            String part = identifier();
            if (part.isEmpty()) {
                pos = save;
                return sb.toString();
            }
            sb.append('.').append(part);
        }
    }

    /** Skips whitespace and comments. */
    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && peekAt(1) == '/') {
                skipLineComment();
            } else if (c == '/' && peekAt(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipLineComment() {
        while (pos < src.length() && src.charAt(pos) != '\n') pos++;
    }

    private void skipBlockComment() {
        int end = src.indexOf("*/", pos + 2);
        pos = end < 0 ? src.length() : end + 2;
    }

    private void skipLiteral() {
        if (src.startsWith("\"\"\"", pos)) {
            int end = src.indexOf("\"\"\"", pos + 3);
            while (end > 0 && src.charAt(end - 1) == '\\') end = src.indexOf("\"\"\"", end + 1);
            pos = end < 0 ? src.length() : end + 3;
            return;
        }
        char quote = src.charAt(pos++);
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\\') pos++;
            else if (c == quote || c == '\n') return;
        }
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private char peekAt(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    /** Line of an offset; counts forward from the last answer, since offsets mostly grow (linear overall). */
    private int lineOf(int offset) {
        int target = Math.min(offset, src.length());
        if (target < lineOffset) {
            lineOffset = 0;
            lineNumber = 1;
        }
        for (int i = lineOffset; i < target; i++) if (src.charAt(i) == '\n') lineNumber++;
        lineOffset = target;
        return lineNumber;
    }
}
