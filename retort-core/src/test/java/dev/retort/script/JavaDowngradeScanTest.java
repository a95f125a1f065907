package dev.retort.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dry runs tell from the source, without compiling, whether a Java revision has a downgrade. */
class JavaDowngradeScanTest {
    private static Boolean scan(String cls) {
        return JavaHeaderScanner.declaresDowngrade("import dev.retort.migration.*;\n@Revision(id = \"a1\", revises = {})\n"
                + cls, "a1.java");
    }

    @Test
    void aDeclaredDowngradeIsFound() {
        assertThat(scan("class A extends Migration {\n public void upgrade(Operations op) {}\n"
                + " @Override\n public void downgrade(Operations op) { op.execute(\"x\"); }\n}")).isTrue();
        assertThat(scan("final class A extends dev.retort.migration.Migration { void\n downgrade (Operations op) {} }")).isTrue();
    }

    @Test
    void noDowngradeInAClassExtendingMigration() {
        assertThat(scan("class A extends Migration {\n // public void downgrade(Operations op) {}\n"
                + " public void upgrade(Operations op) { op.execute(\"void downgrade(\"); downgrade(op); }\n}")).isFalse();
        assertThat(scan("class A extends dev.retort.migration.Migration { public void upgrade(Operations op) {} }")).isFalse();
    }

    /** Another superclass may declare it: only compiling can tell. */
    @Test
    void anotherSuperclassIsUnknown() {
        assertThat(scan("class A extends BaseRevision { public void upgrade(Operations op) {} }")).isNull();
    }
}
