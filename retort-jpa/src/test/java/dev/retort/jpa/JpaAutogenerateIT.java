package dev.retort.jpa;

import dev.retort.autogenerate.Autogenerator;
import dev.retort.autogenerate.DriftCheck;
import dev.retort.config.RetortConfig;
import dev.retort.ops.Operation;
import dev.retort.runtime.Retort;
import dev.retort.script.RevisionGenerator;
import dev.retort.script.ScriptDirectory;
import dev.retort.testing.Engine;
import dev.retort.testing.StubDataSource;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on every engine: the fixture entities are the model; autogenerate writes a Java (or SQL)
 * revision, Retort applies it, and the drift check is then clean; more entities give a second revision;
 * downgrading both leaves only Retort's own tables.
 */
class JpaAutogenerateIT {
    private static final String P = "dev.retort.jpa.fixtures.";
    private static final String V1 = "jpa:" + P + "simple," + P + "relations," + P + "embedded";
    private static final String V2 = V1 + "," + P + "inheritance," + P + "sequence," + P + "more," + P + "keys," + P + "readonly";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void javaRevisions(Engine engine) throws Exception {
        run(engine, false, "");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sqlRevisions(Engine engine) throws Exception {
        run(engine, true, "");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void snakeCaseNaming(Engine engine) throws Exception {
        run(engine, false, "?naming=snake_case");
    }

    /**
     * Unnamed unique constraints added to an existing table (@Column(unique), @UniqueConstraint without a
     * name, UNIQUE in a columnDefinition) are named by the model, so the revision's downgrade drops them and
     * the old model then compares clean.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void addedUniqueConstraintsAreUndoneByTheDowngrade(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("uq_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);
            RetortConfig before = config(project, db.url(), "jpa:" + P + "unique1");
            assertThat(Autogenerator.generate(before, ScriptDirectory.load(before), request("owners", false, "aaaaaaaaaaa1"), clock))
                    .isPresent();
            Retort.of(before, ScriptDirectory.load(before)).upgrade("head");

            RetortConfig after = config(project, db.url(), "jpa:" + P + "unique2");
            Path second = Autogenerator.generate(after, ScriptDirectory.load(after), request("unique", false, "bbbbbbbbbbb2"), clock)
                    .map(RevisionGenerator.Generated::path).orElseThrow();
            String text = Files.readString(second);
            assertThat(text).doesNotContain("not reversible").contains("shop_owner_city_key", "shop_owner_name_city_key",
                    "shop_owner_code_key");
            Retort.of(after, ScriptDirectory.load(after)).upgrade("head");
            assertThat(DriftCheck.run(after)).as("drift after adding the constraints:\n" + text).extracting(Operation::describe)
                    .isEmpty();

            Retort.of(after, ScriptDirectory.load(after)).downgrade("aaaaaaaaaaa1");
            assertThat(DriftCheck.run(before)).as("drift after the downgrade:\n" + text).extracting(Operation::describe).isEmpty();
        }
    }

    private void run(Engine engine, boolean sqlFile, String options) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve(engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);

            RetortConfig v1 = config(project, db.url(), V1 + options);
            Optional<Path> first = Autogenerator.generate(v1, ScriptDirectory.load(v1), request("entities", sqlFile, "aaaaaaaaaaa1"),
                    clock).map(RevisionGenerator.Generated::path);
            assertThat(first).isPresent();
            Retort.of(v1, ScriptDirectory.load(v1)).upgrade("head");
            List<Operation> drift = DriftCheck.run(v1);
            assertThat(drift).as("drift after the first revision:\n" + Files.readString(first.get()))
                    .extracting(Operation::describe).isEmpty();
            assertThat(Autogenerator.generate(v1, ScriptDirectory.load(v1), "nothing", sqlFile)).isEmpty();
            String customer = options.isEmpty() ? "customer" : "customer";
            assertThat(tables(db)).contains(customer);

            RetortConfig v2 = config(project, db.url(), V2 + options);
            assertThat(DriftCheck.run(v2)).isNotEmpty();
            Optional<Path> second = Autogenerator.generate(v2, ScriptDirectory.load(v2), request("more entities", sqlFile, "bbbbbbbbbbb2"),
                    clock).map(RevisionGenerator.Generated::path);
            assertThat(second).isPresent();
            Retort.of(v2, ScriptDirectory.load(v2)).upgrade("head");
            assertThat(DriftCheck.run(v2)).as("drift after the second revision:\n" + Files.readString(second.get()))
                    .extracting(Operation::describe).isEmpty();

            Retort.of(v2, ScriptDirectory.load(v2)).downgrade("base");
            assertThat(tables(db)).allMatch(n -> n.matches("retort_(version|history|lock)"));
        }
    }

    /**
     * t40-4: a columnDefinition's CHECK is a check constraint, its COLLATE the column's collation; the revision made
     * of them runs and the drift check is clean after it; its ON UPDATE is the column's. A CHARACTER SET the database
     * has (Hibernate made the column, or someone added it by hand) is left out of the comparison rather than reported
     * forever.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void columnDefinitionClausesCompareClean(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("cd_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            String model = "jpa:" + P + "coldef" + switch (engine) {
                case POSTGRESQL -> "," + P + "coldefpg";
                case MARIADB -> "," + P + "coldefmy";
                case SQLITE -> "," + P + "coldeflite";
                case H2 -> "";
            };
            RetortConfig config = config(project, db.url(), model);
            String text = generated(config, "init");
            assertThat(text).doesNotContainIgnoringCase("smallint check");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            if (engine == Engine.MARIADB) {
                try (Connection c = db.connect(); var st = c.createStatement()) {
                    st.execute("ALTER TABLE Label MODIFY tag varchar(20) CHARACTER SET ascii NULL, "
                            + "MODIFY touched datetime(6) NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6)");
                }
            }
            assertThat(DriftCheck.run(config)).as("drift after the revision:\n" + text).extracting(Operation::describe).isEmpty();
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("INSERT INTO Book (id, pages, code) VALUES (2, 5, 'ab')");
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> st.execute("INSERT INTO Book (id, pages, code) VALUES (1, 0, 'ab')")))
                        .as("the CHECK was created").isNotNull();
            }
        }
    }

    /**
     * t40-9: a serial columnDefinition is NOT NULL, as PostgreSQL makes it, and a type PostgreSQL knows: no warning
     * that the database lacks it, and no nullability change after the revision ran.
     */
    @org.junit.jupiter.api.Test
    void serialColumnDefinitionOnPostgresql() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path project = dir.resolve("serial");
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig config = config(project, db.url(), "jpa:" + P + "serial");
            java.io.PrintStream err = System.err;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            System.setErr(new java.io.PrintStream(captured, true));
            try {
                assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), request("init", false, "aaaaaaaaaaa1"),
                        Clock.systemUTC())).isPresent();
            } finally {
                System.setErr(err);
            }
            assertThat(captured.toString()).doesNotContain("does not have");
            Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
        }
    }

    /**
     * jpa-uuid-mariadb: a UUID is MariaDB's native uuid (10.7+), as Hibernate 6.6 declares it. Tables an earlier Retort
     * made (CHAR(36), a foreign key between them, a row) get one revision that changes them, which runs and keeps the
     * values; the comparison is then clean and stays so (no revision after it), as it is on Hibernate's own DDL.
     */
    @org.junit.jupiter.api.Test
    void uuidOnMariaDbIsTheNativeType() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            Path project = dir.resolve("uuid");
            Files.createDirectories(project.resolve("migrations/versions"));
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("CREATE TABLE Ticket (id CHAR(36) NOT NULL, trace CHAR(36) NULL, PRIMARY KEY (id))");
                st.execute("CREATE TABLE TicketNote (id CHAR(36) NOT NULL, ticket_id CHAR(36) NULL, PRIMARY KEY (id), "
                        + "CONSTRAINT fk_TicketNote_ticket_id FOREIGN KEY (ticket_id) REFERENCES Ticket (id))");
                st.execute("INSERT INTO Ticket VALUES ('5f0c6a4e-8c1d-4d3b-9a43-0a2b5c6d7e8f', NULL)");
                st.execute("INSERT INTO TicketNote VALUES ('00000000-0000-0000-0000-000000000001', '5f0c6a4e-8c1d-4d3b-9a43-0a2b5c6d7e8f')");
            }
            RetortConfig config = config(project, db.url(), "jpa:" + P + "uuidmy");
            String text = generated(config, "uuid");
            assertThat(text).containsIgnoringCase("UUID");
            appliedWithoutDrift(config, text);
            assertThat(Autogenerator.generate(config, ScriptDirectory.load(config), "nothing", false)).isEmpty();
            try (Connection c = db.connect(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                         + "AND TABLE_NAME = 'TicketNote' AND COLUMN_NAME = 'ticket_id'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("uuid");
                ResultSet joined = c.createStatement().executeQuery("SELECT t.id FROM TicketNote n JOIN Ticket t ON t.id = n.ticket_id");
                assertThat(joined.next()).isTrue();
                assertThat(joined.getString(1)).isEqualTo("5f0c6a4e-8c1d-4d3b-9a43-0a2b5c6d7e8f");
            }
        }
        try (TestDatabase db = TestDatabase.create(Engine.MARIADB)) {
            // Hibernate 6.6.40's DDL for the same entities on MariaDB 10.11 (its foreign key named as Retort names it)
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("create table Ticket (id uuid not null, trace uuid, primary key (id)) engine=InnoDB");
                st.execute("create table TicketNote (id uuid not null, ticket_id uuid, primary key (id)) engine=InnoDB");
                st.execute("alter table TicketNote add constraint fk_TicketNote_ticket_id foreign key (ticket_id) references Ticket (id)");
            }
            RetortConfig config = config(dir.resolve("uuid_hibernate"), db.url(), "jpa:" + P + "uuidmy");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
        }
    }

    /**
     * jpa-offsettime-pg: an OffsetTime is a plain time on PostgreSQL, as Hibernate 6.6 declares it. A table an earlier
     * Retort made (time with time zone) gets one revision that changes it and runs; the comparison is then clean, as
     * it is on Hibernate's own DDL.
     */
    @org.junit.jupiter.api.Test
    void offsetTimeOnPostgresqlIsPlainTime() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            Path project = dir.resolve("offsettime");
            Files.createDirectories(project.resolve("migrations/versions"));
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("CREATE TABLE slot (id BIGINT NOT NULL PRIMARY KEY, opens TIME WITH TIME ZONE)");
                st.execute("INSERT INTO slot VALUES (1, '09:30:00+00')");
            }
            RetortConfig config = config(project, db.url(), "jpa:" + P + "offsettime");
            String text = generated(config, "time");
            appliedWithoutDrift(config, text);
            try (Connection c = db.connect(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT format_type(atttypid, atttypmod), (SELECT opens::text FROM slot) FROM pg_attribute "
                         + "WHERE attrelid = 'slot'::regclass AND attname = 'opens'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("time without time zone");
                assertThat(rs.getString(2)).isEqualTo("09:30:00");
            }
        }
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("create table Slot (id bigint not null, opens time(6), primary key (id))"); // Hibernate 6.6.40's
            }
            RetortConfig config = config(dir.resolve("offsettime_hibernate"), db.url(), "jpa:" + P + "offsettime");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
        }
    }

    /**
     * jpa-lob-collections: element collections of large objects, and sets with and without NOT NULL elements, make a
     * revision that runs on each engine (a set of @Lob values was keyed by its LOB column, which MariaDB refuses), and
     * compare clean after it; on Hibernate's own DDL too.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void elementCollectionsOfLargeObjects(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("lobs_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig config = config(project, db.url(), "jpa:" + P + "lobcollections");
            String text = generated(config, "lobs");
            appliedWithoutDrift(config, text);
        }
        if (engine != Engine.MARIADB) return;
        try (TestDatabase db = TestDatabase.create(engine)) {
            // Hibernate 6.6.40's DDL on MariaDB 10.11, its foreign keys named as Retort names them
            try (Connection c = db.connect(); var st = c.createStatement()) {
                for (String sql : List.of(
                        "create table Doc (id bigint not null, primary key (id)) engine=InnoDB",
                        "create table Doc_blobs (Doc_id bigint not null, blobs longblob) engine=InnoDB",
                        "create table Doc_labels (Doc_id bigint not null, labels varchar(255) not null, primary key (Doc_id, labels)) engine=InnoDB",
                        "create table Doc_numbers (numbers integer, Doc_id bigint not null) engine=InnoDB",
                        "create table Doc_ordered (ordered_ORDER integer not null, Doc_id bigint not null, ordered longtext, "
                                + "primary key (ordered_ORDER, Doc_id)) engine=InnoDB",
                        "create table Doc_pages (Doc_id bigint not null, pages longtext) engine=InnoDB",
                        "create table Doc_parts (qty integer, Doc_id bigint not null, name varchar(255)) engine=InnoDB")) {
                    st.execute(sql);
                }
                for (String t : List.of("blobs", "labels", "numbers", "ordered", "pages", "parts")) {
                    st.execute("alter table Doc_" + t + " add constraint fk_Doc_" + t + "_Doc_id foreign key (Doc_id) references Doc (id)");
                }
            }
            RetortConfig config = config(dir.resolve("lobs_hibernate"), db.url(), "jpa:" + P + "lobcollections");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
        }
    }

    /**
     * jpa-m2m-ordercol: an ordered many-to-many compares clean against Hibernate's DDL (the order column the owning
     * side's, in the join table); an @OrderColumn on the inverse side, which Hibernate refuses, fails autogenerate with a
     * message naming the attribute, and no revision is written.
     */
    @org.junit.jupiter.api.Test
    void orderedManyToMany() throws Exception {
        try (TestDatabase db = TestDatabase.create(Engine.POSTGRESQL)) {
            try (Connection c = db.connect(); var st = c.createStatement()) {
                for (String sql : List.of( // Hibernate 6.6.40's DDL, its foreign keys named as Retort names them
                        "create table Club (id bigint not null, primary key (id))",
                        "create table Club_Member (pos integer not null, clubs_id bigint not null, members_id bigint not null, "
                                + "primary key (pos, clubs_id))",
                        "create table Member (id bigint not null, primary key (id))",
                        "alter table Club_Member add constraint fk_club_member_members_id foreign key (members_id) references Member",
                        "alter table Club_Member add constraint fk_club_member_clubs_id foreign key (clubs_id) references Club")) {
                    st.execute(sql);
                }
            }
            Path project = dir.resolve("m2m");
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig config = config(project, db.url(), "jpa:" + P + "m2morder");
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();

            RetortConfig refused = config(project, db.url(), "jpa:" + P + "m2minverseorder");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Autogenerator.generate(refused, ScriptDirectory.load(refused),
                    request("refused", false, "aaaaaaaaaaa1"), Clock.systemUTC())))
                    .isInstanceOf(dev.retort.RetortException.class)
                    .hasMessageContaining("m2minverseorder.Student.courses: @OrderColumn on the inverse");
            try (var files = Files.list(project.resolve("migrations/versions"))) {
                assertThat(files).isEmpty();
            }
        }
    }

    /**
     * jpa-coldef-join: columnDefinitions on join, discriminator and order columns make a revision with their checks and
     * defaults that runs on each engine and compares clean after it; on PostgreSQL also Hibernate's own DDL compares
     * clean (it had checks and defaults the model lacked, and a COLLATE'd join column the model typed like its target).
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void columnDefinitionsOnJoinDiscriminatorAndOrderColumns(Engine engine) throws Exception {
        String model = "jpa:" + P + "coldefjoin" + (engine == Engine.POSTGRESQL ? "," + P + "coldefjoinpg" : "");
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("cdj_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig config = config(project, db.url(), model);
            String text = generated(config, "init");
            appliedWithoutDrift(config, text);
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("INSERT INTO Owner (id) VALUES (1)");
                st.execute("INSERT INTO Shape (id) VALUES (10)"); // kind and maker_id by their defaults
                try (ResultSet rs = st.executeQuery("SELECT kind, maker_id FROM Shape")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("Shape");
                    assertThat(rs.getLong(2)).isEqualTo(1);
                }
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> st.execute(
                        "INSERT INTO Shape_labels (shape_id, pos, labels) VALUES (10, -1, 'x')"))).as("the order column's CHECK").isNotNull();
            }
        }
        if (engine != Engine.POSTGRESQL) return;
        try (TestDatabase db = TestDatabase.create(engine)) {
            try (Connection c = db.connect(); var st = c.createStatement()) {
                for (String sql : List.of( // Hibernate 6.6.40's DDL, its foreign keys named as Retort names them
                        "create table Note (id bigint not null, owner_ref bigint check (owner_ref > 0), primary key (id))",
                        "create table Owner (id bigint not null, primary key (id))",
                        "create table Shape (r float(53), id bigint not null, maker_id bigint default 1 not null, owner_id bigint "
                                + "check (owner_id > 0), kind varchar(10) default 'Shape' not null, primary key (id))",
                        "create table Shape_labels (pos smallint check (pos >= 0) not null, shape_id bigint check (shape_id > 0) not null, "
                                + "labels varchar(255), primary key (pos, shape_id))",
                        "create table Shape_Owner (idx integer default 0 not null, o_id bigint check (o_id > 0) not null, "
                                + "s_id bigint not null, primary key (idx, s_id))",
                        "create table Tag (id bigint not null, code varchar(20) unique, primary key (id))",
                        "create table Sticker (id bigint not null, tag_code varchar(20) collate \"C\", primary key (id))",
                        "alter table Note add constraint fk_note_owner_ref foreign key (owner_ref) references Owner",
                        "alter table Shape add constraint fk_shape_maker_id foreign key (maker_id) references Owner",
                        "alter table Shape add constraint fk_shape_owner_id foreign key (owner_id) references Owner",
                        "alter table Shape_labels add constraint fk_shape_labels_shape_id foreign key (shape_id) references Shape",
                        "alter table Shape_Owner add constraint fk_shape_owner_o_id foreign key (o_id) references Owner",
                        "alter table Shape_Owner add constraint fk_shape_owner_s_id foreign key (s_id) references Shape",
                        "alter table Sticker add constraint fk_sticker_tag_code foreign key (tag_code) references Tag (code)")) {
                    st.execute(sql);
                }
            }
            RetortConfig config = config(dir.resolve("cdj_hibernate"), db.url(), model);
            assertThat(DriftCheck.run(config)).extracting(Operation::describe).isEmpty();
        }
    }

    private static List<String> tables(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            String schema = db.engine() == Engine.POSTGRESQL ? "public" : db.engine() == Engine.H2 ? "PUBLIC" : null;
            try (ResultSet rs = c.getMetaData().getTables(db.engine() == Engine.MARIADB ? db.name() : null, schema, "%",
                    new String[]{"TABLE"})) {
                while (rs.next()) out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * library-api.md: an application's facade, on its DataSource, checks its migrations against its entities (found
     * through the class path, as an application's are): clean once the revision written for them ran, and the
     * tables of entities added since are drift.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anApplicationsFacadeChecksItsEntities(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("app_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig v1 = config(project, db.url(), V1);
            Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);
            assertThat(Autogenerator.generate(v1, ScriptDirectory.load(v1), request("entities", false, "aaaaaaaaaaa1"), clock))
                    .isPresent();
            StubDataSource pool = () -> DriverManager.getConnection(db.url());

            Retort app = Retort.builder().scriptLocation(project.resolve("migrations")).dataSource(pool).targetMetadata(V1).build();
            app.upgrade("heads");
            assertThat(DriftCheck.lines(app)).isEmpty();

            Retort newer = Retort.builder().scriptLocation(project.resolve("migrations")).dataSource(pool).targetMetadata(V2).build();
            assertThat(DriftCheck.lines(newer)).isNotEmpty().anyMatch(line -> line.startsWith("create table"));
        }
    }

    /** The first revision of a project, written on head with a fixed id and clock: its text. */
    private static String generated(RetortConfig config, String message) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-22T10:30:00Z"), ZoneOffset.UTC);
        return Files.readString(Autogenerator.generate(config, ScriptDirectory.load(config), request(message, false, "aaaaaaaaaaa1"),
                clock).map(RevisionGenerator.Generated::path).orElseThrow());
    }

    /** Upgrades to head and expects the model and the database to agree, the revision's text in the message if not. */
    private static void appliedWithoutDrift(RetortConfig config, String text) throws Exception {
        Retort.of(config, ScriptDirectory.load(config)).upgrade("head");
        assertThat(DriftCheck.run(config)).as("drift after the revision:\n" + text).extracting(Operation::describe).isEmpty();
    }

    /**
     * t71-2: a @ManyToOne in an element collection's embeddable, next to the owner's own to the same target: the two
     * foreign keys had one name (MariaDB and H2 refused the revision half applied) and the join column to a non-key
     * column stayed INTEGER (PostgreSQL refused its key). The revision runs and compares clean on every engine.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void toOneInsideAnElementCollectionRuns(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("ec_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig config = config(project, db.url(), "jpa:" + P + "collectionfk");
            String text = generated(config, "init");
            appliedWithoutDrift(config, text);
        }
    }

    /**
     * t71-7: @SequenceGenerator(initialValue = 0) (or below) made START WITH 0 without a MINVALUE, which PostgreSQL and
     * MariaDB refuse and after which H2 never compared clean. The sequence has Hibernate's MINVALUE now: the revision
     * runs, the comparison is clean, and the sequence gives its start first.
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "H2"})
    void sequenceStartingAtZeroRunsAndComparesClean(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.create(engine)) {
            Path project = dir.resolve("zs_" + engine.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(project.resolve("migrations/versions"));
            RetortConfig config = config(project, db.url(), "jpa:" + P + "zeroseq");
            String text = generated(config, "init");
            appliedWithoutDrift(config, text);
            try (Connection c = db.connect(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery(engine == Engine.POSTGRESQL ? "SELECT nextval('zero_seq')"
                         : engine == Engine.MARIADB ? "SELECT NEXTVAL(zero_seq)" : "SELECT NEXT VALUE FOR zero_seq")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static RevisionGenerator.Request request(String message, boolean sql, String id) {
        return new RevisionGenerator.Request(message, sql, List.of("head"), false, List.of(), List.of(), id, null, null, null, List.of());
    }

    private static RetortConfig config(Path project, String url, String targetMetadata) {
        return new RetortConfig(project.resolve("retort.toml"), project.resolve("migrations"),
                List.of(project.resolve("migrations/versions")), url, url, "{rev}_{slug}", 40, "retort_version", "",
                "retort_history", false, targetMetadata, "UTC", java.time.Duration.ofSeconds(10), List.of(), Map.of(),
                List.of(), List.of());
    }
}
