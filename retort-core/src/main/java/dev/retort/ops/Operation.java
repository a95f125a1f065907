package dev.retort.ops;

import java.util.Optional;

/**
 * A schema or data change as plain data. The same objects feed online runs, offline SQL and
 * autogenerate's renderer. Dialects render them through {@link OperationVisitor}, which has one
 * method per operation, so a renderer that forgets one does not compile.
 * <p>
 * Irreversible (reverse() is always empty): {@link Execute}, {@link BulkInsert}, {@link AddEnumValue},
 * {@link ValidateConstraint} (nothing to undo: see there).
 * Reversible only when they carry what they remove: {@link DropTable}, {@link DropColumn},
 * {@link DropIndex}, {@link DropConstraint}, {@link DropSequence}, {@link DropEnumType},
 * {@link AlterColumn}, {@link AlterSequence} and {@link AlterIdentity} (need the existing state of what they change), {@link SetTableComment}
 * (needs the previous comment), constraints created without a name.
 */
public sealed interface Operation permits CreateTable, DropTable, RenameTable, AddColumn, DropColumn, AlterColumn,
        CreateIndex, DropIndex, CreatePrimaryKey, CreateUniqueConstraint, CreateCheckConstraint, CreateForeignKey,
        DropConstraint, ValidateConstraint, CreateSequence, AlterSequence, AlterIdentity, DropSequence, CreateEnumType, DropEnumType, AddEnumValue, DropEnumValue,
        SetTableComment,
        Execute, BulkInsert {

    <R> R accept(OperationVisitor<R> visitor);

    /** The operation that undoes this one, where one exists. */
    default Optional<Operation> reverse() {
        return Optional.empty();
    }

    /**
     * False for operations that cannot run inside a transaction block (PostgreSQL's CREATE/DROP INDEX
     * CONCURRENTLY); a revision holding one must be non-transactional.
     */
    default boolean transactional() {
        return true;
    }

    /** A short human description for messages, e.g. {@code add column account.name}. */
    String describe();

    /** {@code schema.name} or {@code name} for messages. */
    static String display(String schema, String name) {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
}
