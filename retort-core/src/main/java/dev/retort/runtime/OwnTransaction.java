package dev.retort.runtime;

import dev.retort.script.SqlMigration;
import dev.retort.script.SqlSplitter;

/**
 * Whether a revision's statements, read in the order they ran, leave the session in a transaction of the revision's
 * own: a BEGIN or START TRANSACTION without its COMMIT, or autocommit switched off (MariaDB's {@code SET autocommit =
 * 0}, H2's {@code SET AUTOCOMMIT FALSE}). Read from their text, so that an online run and its --sql script decide
 * alike (t81-2, t81-5): the script's client would end its session inside that transaction and roll the revision's
 * work back with the version rows after it. DDL that commits by itself (MariaDB, H2) is not counted: the COMMIT
 * written for a transaction it already ended does nothing there.
 */
final class OwnTransaction {
    private final SqlSplitter splitter;
    private int index;
    /** The statement the open transaction began with (counted from 0 over what was fed), or -1: none is open. */
    private int openedAt = -1;
    /** Where the open transaction began, told in a failure's message ("from its BEGIN on"), or null. */
    private String since;
    private boolean autocommitOff;

    OwnTransaction(SqlSplitter splitter) {
        this.splitter = splitter;
    }

    /** Forgets what was fed: the next revision starts with no transaction of its own. */
    void reset() {
        index = 0;
        openedAt = -1;
        since = null;
        autocommitOff = false;
    }

    /** Feeds one statement that ran (or was written), several where the string holds several. */
    void ran(String sql) {
        if (sql.indexOf(';') < 0) {
            effect(sql);
        } else {
            for (String one : splitter.split(sql)) effect(one);
        }
        index++;
    }

    private void effect(String sql) {
        switch (SqlMigration.transactionEffect(splitter, sql)) {
            case OPENS -> open(sql);
            // with autocommit off the next statement begins the next transaction
            case ENDS -> {
                if (autocommitOff) {
                    openedAt = index + 1;
                    since = "after its " + oneLine(sql);
                } else {
                    close();
                }
            }
            case AUTOCOMMIT_OFF -> {
                autocommitOff = true;
                open(sql);
            }
            case AUTOCOMMIT_ON -> { // it commits what is open
                autocommitOff = false;
                close();
            }
            case NONE -> { }
        }
    }

    private void open(String sql) {
        if (openedAt >= 0) return;
        openedAt = index;
        since = "from its " + oneLine(sql) + " on";
    }

    private void close() {
        openedAt = -1;
        since = null;
    }

    private static String oneLine(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 60) + " ..." : one;
    }

    boolean open() {
        return openedAt >= 0 || autocommitOff;
    }

    boolean autocommitOff() {
        return autocommitOff;
    }

    /** The statement that began the open transaction (counted from 0), or -1. */
    int openedAt() {
        return openedAt;
    }

    /** Where the open transaction began, for a message: "from its BEGIN on", "after its COMMIT"; null when none is open. */
    String since() {
        return since;
    }
}
