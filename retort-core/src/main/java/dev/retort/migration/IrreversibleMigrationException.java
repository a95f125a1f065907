package dev.retort.migration;

import dev.retort.RetortException;

public class IrreversibleMigrationException extends RetortException {
    public IrreversibleMigrationException(String what) {
        super("Revision " + what + " has no downgrade and cannot be reverted");
    }
}
