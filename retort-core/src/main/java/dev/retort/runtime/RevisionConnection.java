package dev.retort.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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

    /**
     * Every interface the driver's connection implements (pgjdbc's PGConnection, say), so that a revision's cast to
     * one still works; a cast to the driver's class does not: {@code op.connection().unwrap(...)} reaches that.
     */
    private static Class<?>[] interfacesOf(Class<?> type, Class<?> base) {
        java.util.Set<Class<?>> all = new java.util.LinkedHashSet<>();
        all.add(base); // first: a method several interfaces declare is dispatched as base's
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) all.add(i);
        }
        return all.toArray(Class<?>[]::new);
    }

    /**
     * @param inRunTransaction whether the step runs in the run's transaction (not a transactional-false revision's own)
     * @param refusal          why a statement's SQL may not run in the run's transaction (it begins or ends one), or null
     * @param calls            told of each call into the driver (the connection's, its statements'), which a cancel
     *                         must not interrupt
     */
    static Connection guard(Connection connection, java.util.function.BooleanSupplier inRunTransaction,
                            java.util.function.UnaryOperator<String> refusal, DriverCalls calls) {
        Connection[] self = new Connection[1];
        self[0] = (Connection) Proxy.newProxyInstance(loaderOf(connection),
                interfacesOf(connection.getClass(), Connection.class), (proxy, method, args) -> {
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
                    if ((name.equals("prepareStatement") || name.equals("prepareCall")) && arity > 0
                            && args[0] instanceof String sql) {
                        refuse(sql, inRunTransaction, refusal);
                    }
                    Object result = invoke(method, connection, args, calls);
                    return result instanceof Statement st ? guard(st, self[0], inRunTransaction, refusal, calls) : result;
                });
        return self[0];
    }

    /**
     * A statement of the guarded connection (plain, prepared or callable): SQL that begins or ends a transaction is
     * refused as op.execute refuses it.
     */
    private static Statement guard(Statement statement, Connection owner, java.util.function.BooleanSupplier inRunTransaction,
                                   java.util.function.UnaryOperator<String> refusal, DriverCalls calls) {
        return (Statement) Proxy.newProxyInstance(loaderOf(statement), interfacesOf(statement.getClass(), Statement.class),
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("getConnection") && args == null) return owner;
                    if ((name.startsWith("execute") || name.equals("addBatch")) && args != null && args[0] instanceof String sql) {
                        refuse(sql, inRunTransaction, refusal);
                    }
                    return invoke(method, statement, args, calls);
                });
    }

    private static void refuse(String sql, java.util.function.BooleanSupplier inRunTransaction,
                               java.util.function.UnaryOperator<String> refusal) throws SQLException {
        if (!inRunTransaction.getAsBoolean()) return;
        String why = refusal.apply(sql);
        if (why != null) throw new SQLException(why);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args, DriverCalls calls) throws Throwable {
        calls.entering();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            calls.exited();
        }
    }

    /**
     * Told when the revision's thread enters and leaves the driver: a cancel interrupts the revision's own code where
     * it sleeps or waits, but not a wait inside the driver (H2's engine waiting for a lock runs in that thread, and an
     * interrupt there can close its file channel); the statement there is cancelled instead.
     */
    interface DriverCalls {
        void entering();

        void exited();
    }

    private static ClassLoader loaderOf(Object o) {
        ClassLoader l = o.getClass().getClassLoader();
        return l != null ? l : RevisionConnection.class.getClassLoader();
    }
}
