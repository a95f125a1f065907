package dev.retort.script;

import dev.retort.TextFiles;

import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Java source files as Retort hands them to javac (Java revisions, class models). */
public final class JavaSources {
    private JavaSources() {
    }

    /**
     * The files as javac is to read them. One saved with a UTF-8 byte-order mark, as Windows editors do, is
     * given without it: javac rejects the mark ("illegal character: '\ufeff'"). Its URI stays the file's, for
     * javac's messages and for file managers that place output by source.
     */
    public static List<JavaFileObject> forJavac(StandardJavaFileManager fm, List<Path> files) throws IOException {
        List<JavaFileObject> units = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String withoutMark = TextFiles.withoutByteOrderMark(text);
            if (withoutMark.length() != text.length()) {
                units.add(new SimpleJavaFileObject(file.toUri(), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return withoutMark;
                    }
                });
            } else {
                fm.getJavaFileObjects(file).forEach(units::add);
            }
        }
        return units;
    }
}
