package dev.retort.runtime;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.SqlStatement;
import dev.retort.secrets.SqlSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The statements a failed step ran before its failure, and which of them stay applied after the rollback: all of them
 * outside a transaction; where DDL commits by itself (MariaDB, H2), those up to the last that committed; how the
 * failure's message lists them (t20-1, t24-3, t26-3). Made after the failure, before the rollback, which would end
 * the transaction either way.
 */
final class FailedStatements {
    private static final Logger LOG = LoggerFactory.getLogger(FailedStatements.class);

    /** Before any failure: what ran is not known. */
    static final FailedStatements UNKNOWN = new FailedStatements(null, null, Committed.NONE);

    private final Dialect dialect;
    /** Null when unknown. */
    private final List<SqlStatement> ran;
    private final Committed committed;

    /** Outside a transaction: the first statement of the revision's own transaction, rolled back at its failure; -1: none. */
    private final int ownFrom;
    /** Where that transaction began, for the message ("from its BEGIN on"). */
    private final String ownSince;

    private FailedStatements(Dialect dialect, List<SqlStatement> ran, Committed committed) {
        this(dialect, ran, committed, -1, null);
    }

    private FailedStatements(Dialect dialect, List<SqlStatement> ran, Committed committed, int ownFrom, String ownSince) {
        this.dialect = dialect;
        this.ran = ran;
        this.committed = committed;
        this.ownFrom = ownFrom;
        this.ownSince = ownSince;
    }

    /**
     * The same, for a revision outside a transaction that failed inside one it opened itself: what ran from statement
     * {@code from} on was rolled back with it (t81-2).
     */
    FailedStatements rolledBackFrom(int from, String since) {
        return new FailedStatements(dialect, ran, committed, from, since);
    }

    /** Why what ran after the listed statements is not listed, outside a transaction: null when all of it stays. */
    String ownRolledBack() {
        return ownFrom < 0 ? null : "what ran " + ownSince + " was rolled back: the revision had opened that transaction"
                + " itself and not committed it";
    }

    /**
     * @param inCommittingTransaction whether the step ran in a transaction on an engine whose DDL commits it (else
     *                                nothing of it stays, or all: outside a transaction)
     */
    static FailedStatements of(Dialect dialect, Connection connection, boolean inCommittingTransaction, Throwable e,
                               List<SqlStatement> ran) {
        return new FailedStatements(dialect, ran, ran != null && inCommittingTransaction
                ? committed(dialect, connection, e, ran) : Committed.NONE);
    }

    /**
     * Of the failed step's statements that ran (in a transaction, where DDL commits by itself): how many stay applied
     * for certain, up to how many perhaps (the rest was rolled back), and why, for the message (t20-1, t24-3).
     */
    private record Committed(int sure, int perhaps, String why) {
        static final Committed NONE = new Committed(0, 0, null);
    }

    /**
     * Asked after a failure, before the rollback (nothing on the success path). The dialect tells from a statement's
     * text whether it commits the open transaction (DDL, LOCK TABLES, ...), does not, or may (a CALL, whose
     * procedure commits if it runs DDL): what ran up to the last that commits stays applied. The database commits
     * before running a DDL statement, so a failure of that statement leaves what ran before it committed (an UPDATE
     * before a failing ALTER TABLE), unless the parser refused it (a syntax error). Where the failed statement or
     * one since the last commit may have committed, the database says whether the transaction still holds work:
     * none, and all that ran was committed; some, or it cannot say (MySQL), and what such a statement may have
     * committed is listed as perhaps applied (a failed DDL statement is then taken to have run, the usual case).
     */
    private static Committed committed(Dialect dialect, Connection connection, Throwable e, List<SqlStatement> ran) {
        int all = ran.size();
        try {
            if (connection.getAutoCommit()) { // the revision switched it on (SET autocommit = 1)
                return new Committed(all, all, "the revision switched autocommit on, which committed what ran before,"
                        + " and each statement after that committed itself");
            }
        } catch (SQLException x) {
            LOG.debug("Reading autocommit after the failure failed: {}", x.getMessage());
        }
        int sure = 0;
        int unknown = 0;
        for (int i = 0; i < all; i++) {
            Boolean commits = dialect.commitsImplicitly(ran.get(i).sql());
            if (Boolean.TRUE.equals(commits)) sure = i + 1;
            else if (commits == null) unknown = i + 1;
        }
        Boolean failed = e instanceof StatementFailedException sf ? dialect.commitsImplicitly(sf.statement().sql()) : Boolean.FALSE;
        if (Boolean.FALSE.equals(failed) && unknown <= sure) return new Committed(sure, sure, null);
        String who = failed == null || unknown == 0 ? "the failed statement" : oneLine(ran.get(unknown - 1).sql(), 60);
        Boolean open = dialect.holdsUncommittedWork(connection);
        if (Boolean.TRUE.equals(failed) && !Boolean.TRUE.equals(open)) {
            return new Committed(all, all, "the failed statement committed them: " + dialect.displayName()
                    + " commits before each DDL statement, even one that then fails");
        }
        if (Boolean.FALSE.equals(open)) {
            return new Committed(all, all, "the database holds nothing uncommitted after the failure: " + who
                    + " committed what ran before it");
        }
        if (failed != null && unknown <= sure) return new Committed(sure, sure, null); // a DDL statement the parser refused
        int perhaps = failed == null ? all : unknown;
        return new Committed(sure, perhaps, "committed if " + who + " committed the transaction (a CALL does when its"
                + " procedure runs DDL), which " + (open == null ? dialect.displayName() : "the database") + " cannot say"
                + (perhaps < all ? "; what ran after it was rolled back" : ""));
    }

    /**
     * What of the failed revision stays applied: outside a transaction, every statement that ran; where DDL commits
     * by itself (MariaDB, H2), those {@link #committed} counts. Null when unknown: the revision also ran
     * statements of its own on op.connection().
     */
    List<SqlStatement> stays(boolean outside) {
        if (ran == null) return null;
        if (outside) return repairable(ownFrom < 0 ? ran : ran.subList(0, Math.min(ownFrom, ran.size())));
        return repairable(ran.subList(0, Math.min(committed.sure(), ran.size())));
    }

    /** What of the failed revision may stay applied: committed if a CALL, say, committed (see {@link #committed}). */
    List<SqlStatement> perhaps(boolean outside) {
        if (ran == null || outside) return List.of();
        int to = Math.min(committed.perhaps(), ran.size());
        return repairable(ran.subList(Math.min(committed.sure(), to), to));
    }

    /**
     * Without the SETs that change only the session (SET ROLE, SET foreign_key_checks = 0, MariaDB's SET @x = 1): nothing
     * to repair in the database (r5-6, t43-4).
     */
    private List<SqlStatement> repairable(List<SqlStatement> statements) {
        return statements.stream().filter(st -> !dialect.sessionOnly(st.sql())).toList();
    }

    /** Whether statements ran before the failure that changed only the session (left out of the lists). */
    boolean sessionSetsRan() {
        return ran != null && ran.stream().anyMatch(st -> dialect.sessionOnly(st.sql()));
    }

    /**
     * What the lists leave out, for the notes ("session settings, which ..."): all put back when the run ends, or
     * also SETs the session keeps (MariaDB's user variables and other session variables).
     */
    String sessionSetsLeftOut(String after) {
        boolean allPutBack = ran.stream().filter(st -> dialect.sessionOnly(st.sql()))
                .allMatch(st -> dialect.undoneWhenRunEnds(st.sql()));
        return allPutBack ? "session settings" + after + ", which the run puts back when it ends"
                : "session settings and variables" + after + ", which change nothing in the database; the run puts back some when it"
                + " ends, the others stay on the connection";
    }

    /** One statement per line, on one line each (masked, shortened). */
    private static String listed(List<SqlStatement> statements) {
        StringBuilder b = new StringBuilder(":");
        int shown = Math.min(statements.size(), 10);
        for (int i = 0; i < shown; i++) b.append("\n    ").append(oneLine(statements.get(i).sql(), 160));
        if (statements.size() > shown) b.append("\n    ... and ").append(statements.size() - shown).append(" more");
        return b.toString();
    }

    /** A statement on one line, masked, shortened to about {@code max} characters. */
    private static String oneLine(String sql, int max) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return SqlSecrets.mask(one.length() > max ? one.substring(0, max) + " ..." : one);
    }

    /** Whether what ran after the statements sure to stay holds nothing to repair (session settings at most). */
    boolean rolledBackNothingToRepair() {
        int sure = Math.min(committed.sure(), ran.size());
        return repairable(ran.subList(sure, ran.size())).isEmpty();
    }

    /**
     * The failed revision's statements that stay applied and those that may, each list with its line. Beside a sure
     * list alone goes why the rest is not there: {@link Committed#why} where the dialect had to tell, else
     * {@code rolledBack} (null: nothing was rolled back, outside a transaction).
     */
    void listStaying(StringBuilder m, List<SqlStatement> stays, List<SqlStatement> perhaps, String rolledBack) {
        String why = committed.why();
        if (!stays.isEmpty()) {
            m.append(": these statements of the revision stay applied")
                    .append(rolledBack == null || !perhaps.isEmpty() ? "" : " (" + (why != null ? why : rolledBack) + ")")
                    .append(listed(stays)).append("\n");
        }
        if (!perhaps.isEmpty()) {
            // a CALL's procedure, say, may have committed them: neither its text nor the database tells (t24-3)
            m.append(stays.isEmpty() ? ": these statements of the revision may stay applied" : "and these may too")
                    .append(" (").append(why).append(")").append(listed(perhaps)).append("\n");
        }
    }
}
