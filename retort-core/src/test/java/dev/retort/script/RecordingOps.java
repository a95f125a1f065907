package dev.retort.script;

import dev.retort.migration.MigrationContext;
import dev.retort.migration.Operations;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An Operations that records execute() calls; a proxy, so it keeps compiling as the ops API grows. */
final class RecordingOps {
    final List<String> executed = new ArrayList<>();
    final Operations ops;

    RecordingOps(String dialect) {
        MigrationContext ctx = MigrationContext.of(dialect, false, Map.of());
        ops = (Operations) Proxy.newProxyInstance(Operations.class.getClassLoader(), new Class<?>[]{Operations.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "execute" -> {
                        executed.add((String) args[0]);
                        yield null;
                    }
                    case "context" -> ctx;
                    case "toString" -> "RecordingOps";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
