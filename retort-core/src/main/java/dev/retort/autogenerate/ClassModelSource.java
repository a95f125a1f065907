package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.schema.SchemaModel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * {@code class:com.example.Schema}: a class on the class path (the application's, or the configured
 * {@code classpath}) that implements {@link ModelDefinition} or has a public static
 * {@code SchemaModel model()} method.
 */
final class ClassModelSource implements ModelSource {
    @Override
    public String scheme() {
        return "class";
    }

    @Override
    public SchemaModel load(String className, ModelContext context) throws Exception {
        Class<?> type;
        try {
            type = Class.forName(className, true, context.classLoader());
        } catch (ClassNotFoundException e) {
            throw new RetortException("Model class " + className + " not found on the class path "
                    + "(compile it and add its folder or jar to 'classpath' in retort.toml)");
        }
        if (ModelDefinition.class.isAssignableFrom(type)) {
            return ((ModelDefinition) type.getDeclaredConstructor().newInstance()).model();
        }
        try {
            Method m = type.getMethod("model");
            if (Modifier.isStatic(m.getModifiers()) && SchemaModel.class.isAssignableFrom(m.getReturnType())) {
                return (SchemaModel) m.invoke(null);
            }
        } catch (NoSuchMethodException ignored) {
            // fall through to the message below
        }
        throw new RetortException("Model class " + className + " must implement dev.retort.autogenerate.ModelDefinition "
                + "or have a public static SchemaModel model() method");
    }
}
