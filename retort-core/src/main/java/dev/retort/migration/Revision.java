package dev.retort.migration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link Migration} subclass as a revision and carries its graph data. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
    String id();

    /** Parent revisions: {@code {}} for a base, two or more for a merge. */
    String[] revises() default {};

    String message() default "";

    String created() default "";

    String[] branchLabels() default {};

    String[] dependsOn() default {};

    /** False for revisions whose statements cannot run inside a transaction. */
    boolean transactional() default true;
}
