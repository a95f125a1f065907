package javax.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stand-in for JPA 2's annotation (javax.persistence-api is not a test dependency), so that a fixture can
 * be an entity written against javax.persistence; Retort recognises those by the descriptor in the class file.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Entity {
}
