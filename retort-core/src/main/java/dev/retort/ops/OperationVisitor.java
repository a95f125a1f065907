package dev.retort.ops;

/** One method per operation: implementing this is how a dialect promises to handle every one. */
public interface OperationVisitor<R> {
    R visitCreateTable(CreateTable op);

    R visitDropTable(DropTable op);

    R visitRenameTable(RenameTable op);

    R visitAddColumn(AddColumn op);

    R visitDropColumn(DropColumn op);

    R visitAlterColumn(AlterColumn op);

    R visitCreateIndex(CreateIndex op);

    R visitDropIndex(DropIndex op);

    R visitCreatePrimaryKey(CreatePrimaryKey op);

    R visitCreateUniqueConstraint(CreateUniqueConstraint op);

    R visitCreateCheckConstraint(CreateCheckConstraint op);

    R visitCreateForeignKey(CreateForeignKey op);

    R visitDropConstraint(DropConstraint op);

    R visitValidateConstraint(ValidateConstraint op);

    R visitCreateSequence(CreateSequence op);

    R visitAlterSequence(AlterSequence op);

    R visitAlterIdentity(AlterIdentity op);

    R visitDropSequence(DropSequence op);

    R visitCreateEnumType(CreateEnumType op);

    R visitDropEnumType(DropEnumType op);

    R visitAddEnumValue(AddEnumValue op);

    R visitDropEnumValue(DropEnumValue op);

    R visitSetTableComment(SetTableComment op);

    R visitExecute(Execute op);

    R visitBulkInsert(BulkInsert op);
}
