package dev.retort.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/** A connection that notes the text of every statement sent through it, to count what a run sends. */
public final class RecordingConnection {
    private RecordingConnection() {
    }

    /** {@code connection}, with each statement's SQL (executed or prepared) added to {@code sent} before it goes. */
    public static Connection of(Connection connection, List<String> sent) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) sent.add(sql);
            Object result = method.invoke(target, args);
            if (result instanceof Statement s && method.getName().equals("createStatement")) {
                return proxy(Statement.class, s, (st, m, a) -> {
                    if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) sent.add(sql);
                    return m.invoke(st, a);
                });
            }
            return result;
        });
    }

    private interface Handler<T> {
        Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> {
            try {
                return handler.handle(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(), new Class<?>[]{type}, h));
    }
}
