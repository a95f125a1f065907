package dev.retort.autogenerate;

import dev.retort.schema.SchemaModel;

/**
 * Implemented by the class named in {@code target_metadata = "class:com.example.Schema"}: it builds the
 * target model, usually with {@link dev.retort.schema.SchemaBuilder}. It needs a public no-argument
 * constructor. (A class with a public static {@code SchemaModel model()} method works too.)
 */
public interface ModelDefinition {
    SchemaModel model();
}
