package dev.retort.autogenerate;

import dev.retort.config.ModelPrefixes;

/** Config's question about prefixes, answered by the model sources (a service: config cannot depend on this package). */
public final class ModelSourcePrefixes implements ModelPrefixes {
    @Override
    public boolean handles(String prefix, ClassLoader loader) {
        return ModelSources.handles(prefix, loader);
    }
}
