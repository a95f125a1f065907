package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;

/**
 * Where the target model comes from, chosen by the prefix of {@code target_metadata}
 * ({@code sql:FILE}, {@code class:NAME}, and {@code jpa:PACKAGE} from its own module).
 * <p>
 * Extension point: implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.retort.autogenerate.ModelSource}) on the class path and on the
 * configured {@code classpath}.
 */
public interface ModelSource {
    /** The prefix handled, without the colon: {@code "jpa"}. */
    String scheme();

    /**
     * @param argument what follows the prefix ({@code com.example.entities} in {@code jpa:com.example.entities})
     */
    SchemaModel load(String argument, ModelContext context) throws Exception;
}
