package dev.retort.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The run's connection as {@code op.connection()} hands it to a revision. Inside the run's transaction the
 * transaction is the run's: a revision's commit or rollback would split it from the version table's update
 * (the table would record work that was rolled back, or a failure would leave committed work behind), so they
 * are refused. {@code close()} does nothing: the connection is the run's, and try-with-resources on it is a
 * natural thing to write.
 */
final class RevisionConnection {
    private RevisionConnection() {
    }

    /** @param inRunTransaction whether the step runs in the run's transaction (not a transactional-false revision's own) */
    /**
     * Every interface the driver's connection implements (pgjdbc's PGConnection, say), so that a revision's cast to
     * one still works; a cast to the driver's class does not: {@code op.connection().unwrap(...)} reaches that.
     */
    private static Class<?>[] interfacesOf(Class<?> type) {
        java.util.Set<Class<?>> all = new java.util.LinkedHashSet<>();
        all.add(Connection.class);
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) all.add(i);
        }
        return all.toArray(Class<?>[]::new);
    }

    static Connection guard(Connection connection, java.util.function.BooleanSupplier inRunTransaction) {
        return (Connection) Proxy.newProxyInstance(connection.getClass().getClassLoader() != null
                        ? connection.getClass().getClassLoader() : RevisionConnection.class.getClassLoader(),
                interfacesOf(connection.getClass()), (proxy, method, args) -> {
                    String name = method.getName();
                    int arity = args == null ? 0 : args.length;
                    if (name.equals("close") && arity == 0) return null;
                    if (name.equals("isClosed") && arity == 0) return connection.isClosed();
                    boolean transactionControl = (name.equals("commit") || name.equals("rollback")) && arity == 0
                            || name.equals("setAutoCommit");
                    if (transactionControl && inRunTransaction.getAsBoolean()) {
                        throw new SQLException("op.connection()." + name + "(...) is not allowed in a revision that runs in"
                                + " the run's transaction: Retort commits it together with the version table. Leave"
                                + " the transaction to Retort, or mark the revision @Revision(transactional = false)"
                                + " to run it in autocommit mode.");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
