package dev.retort.jpa;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations the mapping reads by name, whose classes (Bean Validation's, Hibernate's) Retort does not
 * bring: they are seen only when their jar is in the configured {@code classpath}. Reflection drops an
 * annotation whose class cannot be loaded without a word, so the model would silently lack what it says;
 * the class files still name it, which is how {@link #warnMissing} finds such annotations.
 */
final class OptionalAnnotations {
    private static final Logger LOG = LoggerFactory.getLogger(OptionalAnnotations.class);

    static final String NOT_NULL = "jakarta.validation.constraints.NotNull";
    static final String SIZE = "jakarta.validation.constraints.Size";
    static final String HIBERNATE = "org.hibernate.annotations.";
    static final String COLUMN_DEFAULT = HIBERNATE + "ColumnDefault";
    static final String COMMENT = HIBERNATE + "Comment";
    static final String FORMULA = HIBERNATE + "Formula";
    static final String ON_DELETE = HIBERNATE + "OnDelete";
    static final String JDBC_TYPE_CODE = HIBERNATE + "JdbcTypeCode";

    /** Each annotation, what the model lacks without it, and the jar that holds it. */
    private record Known(String name, String effect, String jar) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known(NOT_NULL, "NOT NULL", "jakarta.validation-api"),
            new Known(SIZE, "the column length of @Size(max)", "jakarta.validation-api"),
            new Known(COLUMN_DEFAULT, "the server default", "hibernate-core"),
            new Known(COMMENT, "the comment", "hibernate-core"),
            new Known(FORMULA, "that the attribute has no column", "hibernate-core"),
            new Known(ON_DELETE, "the foreign key's ON DELETE", "hibernate-core"),
            new Known(JDBC_TYPE_CODE, "the JSON column type", "hibernate-core"));

    private OptionalAnnotations() {
    }

    /**
     * Warns once per annotation that the classes name but the loader cannot load, naming the annotation, the
     * classes that carry it and the jar to add to {@code classpath}.
     *
     * @param classNames the model's classes (entities, mapped superclasses, embeddables)
     */
    static void warnMissing(Collection<String> classNames, ClassLoader loader) {
        Map<Known, Set<String>> missing = new LinkedHashMap<>();
        for (Known k : KNOWN) {
            if (loadable(k.name(), loader)) continue;
            String descriptor = "L" + k.name().replace('.', '/') + ";";
            for (String c : classNames) {
                if (PackageScanner.mentions(c, loader, descriptor)) missing.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c);
            }
        }
        missing.forEach((k, classes) -> {
            List<String> names = new ArrayList<>(classes);
            String where = names.size() <= 3 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
            LOG.warn("{} {} @{}, whose class is not on the class path: Retort cannot read it, and the model lacks {}; "
                    + "add the {} jar to 'classpath' in retort.toml", where, names.size() == 1 ? "carries" : "carry", k.name(),
                    k.effect(), k.jar());
        });
    }

    private static boolean loadable(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
