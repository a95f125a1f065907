package dev.retort.config;

/**
 * Which {@code target_metadata} prefixes the model sources on a class path handle, for the check of retort.toml at
 * load. The model sources live in autogenerate, which depends on config; so config owns this question and asks it
 * through {@link java.util.ServiceLoader} (autogenerate's answer is listed in retort-core's
 * {@code META-INF/services}), only for a prefix that is not built in: nothing to register, nothing loaded on the
 * common path.
 */
public interface ModelPrefixes {
    /** Whether a model source on {@code loader}'s class path (or built in) handles {@code prefix}. */
    boolean handles(String prefix, ClassLoader loader);
}
