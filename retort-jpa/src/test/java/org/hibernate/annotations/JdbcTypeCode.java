package org.hibernate.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stand-in for Hibernate's annotation (Hibernate is not a test dependency): Retort reads Hibernate's
 * annotations by name, so a fixture can carry {@code @JdbcTypeCode(SqlTypes.JSON)} through this one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface JdbcTypeCode {
    int value();
}
