package dev.retort.jpa;

import dev.retort.RetortException;
import dev.retort.autogenerate.ModelContext;
import dev.retort.autogenerate.ModelSources;
import dev.retort.dialect.registry.Dialects;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.SqlType;
import dev.retort.schema.SqlType.Kind;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping of the entity classes under dev.retort.jpa.fixtures, one package per concern. */
class JpaModelSourceTest {
    private static final String FIXTURES = "dev.retort.jpa.fixtures.";

    private static SchemaModel model(String argument) {
        return model(argument, "postgresql");
    }

    private static SchemaModel model(String argument, String dialect) {
        return ModelSources.load("jpa:" + argument, new ModelContext(null, Dialects.forName(dialect), null,
                JpaModelSourceTest.class.getClassLoader()));
    }

    private static Table table(SchemaModel m, String name) {
        return m.table(name).orElseThrow(() -> new AssertionError("no table " + name + " in " + m.tables().stream().map(Table::name).toList()));
    }

    private static Column column(Table t, String name) {
        return t.column(name).orElseThrow(() -> new AssertionError("no column " + name + " in " + t.name() + ": "
                + t.columns().stream().map(Column::name).toList()));
    }

    @Test
    void largeObjectsAreWhatHibernateDeclaresOnEachEngine() {
        // Hibernate 6.6's DDL: @Lob String/byte[] are oid on PostgreSQL (bound as large objects), longtext/longblob
        // on MariaDB (text/blob by an explicit length), clob/blob on H2
        Table my = table(model(FIXTURES + "simple", "mariadb"), "customer");
        assertThat(column(my, "notes").type()).isEqualTo(SqlType.raw("LONGTEXT"));
        assertThat(column(my, "document").type()).isEqualTo(SqlType.raw("LONGBLOB"));
        assertThat(column(my, "summary").type()).isEqualTo(SqlType.raw("MEDIUMTEXT"));
        Table pg = table(model(FIXTURES + "simple", "postgresql"), "customer");
        assertThat(column(pg, "notes").type()).isEqualTo(SqlType.raw("oid"));
        assertThat(column(pg, "document").type()).isEqualTo(SqlType.raw("oid"));
        Table h2 = table(model(FIXTURES + "simple", "h2"), "customer");
        assertThat(column(h2, "notes").type()).isEqualTo(SqlType.of(Kind.TEXT));
        assertThat(column(h2, "document").type()).isEqualTo(SqlType.of(Kind.BLOB));
    }

    @Test
    void instantsOnMariaDbAreDatetimeAsHibernateDeclaresThem() {
        // Hibernate 6.6's MariaDBDialect: datetime(6) for Instant/OffsetDateTime/ZonedDateTime; TIMESTAMP(6) would hold
        // only 1970-2038
        Table my = table(model(FIXTURES + "simple", "mariadb"), "customer");
        assertThat(column(my, "createdAt").type()).isEqualTo(SqlType.timestamp(false));
        assertThat(column(my, "updatedAt").type()).isEqualTo(SqlType.timestamp(false));
        Table pg = table(model(FIXTURES + "simple", "postgresql"), "customer");
        assertThat(column(pg, "createdAt").type()).isEqualTo(SqlType.timestamp(true));
    }

    @Test
    void offsetTimeOnMariaDbIsTimeAsHibernateDeclaresIt() {
        // MariaDB has no time with time zone: time(true) was refused only when the revision ran, half applied
        SchemaModel my = model(FIXTURES + "more", "mariadb");
        Column opens = my.tables().stream().flatMap(t -> t.columns().stream()).filter(c -> c.name().equals("opensAt"))
                .findFirst().orElseThrow();
        assertThat(opens.type()).isEqualTo(SqlType.time(false));
        assertThat(Dialects.forName("mariadb").typeSql(opens.type())).isEqualTo("TIME(6)");
    }

    /**
     * jpa-offsettime-pg: Hibernate 6.6 stores an OffsetTime normalised to UTC in a plain time(6) on PostgreSQL (its DDL:
     * "opens time(6)"), and as a time with time zone only on H2; time with time zone on PostgreSQL drifted forever.
     */
    @Test
    void offsetTimeOnPostgresqlIsTimeAsHibernateDeclaresIt() {
        assertThat(column(table(model(FIXTURES + "offsettime", "postgresql"), "Slot"), "opens").type()).isEqualTo(SqlType.time(false));
        assertThat(column(table(model(FIXTURES + "offsettime", "h2"), "Slot"), "opens").type()).isEqualTo(SqlType.time(true));
    }

    /**
     * jpa-uuid-mariadb: Hibernate 6.6's MariaDBDialect declares a UUID as MariaDB's native uuid from 10.7 on (spelt as
     * MariaDB reads it back), binary(16) before it and on MySQL; CHAR(36) was neither.
     */
    @Test
    void uuidsOnMariaDbAreWhatHibernateDeclaresForTheServer() {
        Table my = table(model(FIXTURES + "simple", "mariadb"), "customer");
        assertThat(column(my, "externalId").type()).isEqualTo(SqlType.raw("UUID"));
        assertThat(column(table(model(FIXTURES + "simple", "postgresql"), "customer"), "externalId").type()).isEqualTo(SqlType.of(Kind.UUID));
        assertThat(TypeMapping.uuidType("mariadb", server("MariaDB", "10.11.19-MariaDB", 10, 11))).isEqualTo(SqlType.raw("UUID"));
        assertThat(TypeMapping.uuidType("mariadb", server("MariaDB", "10.7.1-MariaDB", 10, 7))).isEqualTo(SqlType.raw("UUID"));
        assertThat(TypeMapping.uuidType("mariadb", server("MariaDB", "11.4.2-MariaDB", 11, 4))).isEqualTo(SqlType.raw("UUID"));
        assertThat(TypeMapping.uuidType("mariadb", server("MariaDB", "10.6.18-MariaDB", 10, 6))).isEqualTo(SqlType.raw("binary(16)"));
        assertThat(TypeMapping.uuidType("mariadb", server("MySQL", "8.0.36", 8, 0))).isEqualTo(SqlType.raw("binary(16)"));
        assertThat(TypeMapping.uuidType("h2", null)).isEqualTo(SqlType.of(Kind.UUID));
    }

    /** A connection whose metadata names a server (product, version). */
    private static Connection server(String product, String version, int major, int minor) {
        java.sql.DatabaseMetaData md = (java.sql.DatabaseMetaData) java.lang.reflect.Proxy.newProxyInstance(
                JpaModelSourceTest.class.getClassLoader(), new Class<?>[]{java.sql.DatabaseMetaData.class}, (p, m, args) -> switch (m.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    case "getDatabaseMajorVersion" -> major;
                    case "getDatabaseMinorVersion" -> minor;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(JpaModelSourceTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (p, m, args) -> {
                    if (m.getName().equals("getMetaData")) return md;
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /**
     * jpa-coldef-join: a columnDefinition on a join, discriminator or order column is carried as on @Column (CHECK,
     * DEFAULT, NOT NULL, COLLATE), as Hibernate writes it; only its type was taken, and a join column to a non-key
     * column lost even that to the referenced column's type. Key order is Hibernate's, by the Java-side types.
     */
    @Test
    void columnDefinitionsOnJoinDiscriminatorAndOrderColumns() {
        SchemaModel m = model(FIXTURES + "coldefjoin");
        Table shape = table(m, "Shape");
        assertThat(column(shape, "kind")).isEqualTo(new Column("kind", SqlType.raw("varchar(10)"), false, "'Shape'", false, null));
        assertThat(column(shape, "owner_id")).isEqualTo(new Column("owner_id", SqlType.raw("bigint"), true, null, false, null));
        assertThat(column(shape, "maker_id")).isEqualTo(new Column("maker_id", SqlType.raw("bigint"), false, "1", false, null));
        assertThat(shape.checkConstraints()).extracting(CheckConstraint::expression).containsExactly("owner_id > 0");
        Table labels = table(m, "Shape_labels");
        assertThat(column(labels, "pos")).isEqualTo(new Column("pos", SqlType.raw("smallint"), false, null, false, null));
        assertThat(column(labels, "shape_id").type()).isEqualTo(SqlType.raw("bigint"));
        assertThat(labels.checkConstraints()).extracting(CheckConstraint::expression).containsExactlyInAnyOrder("pos >= 0", "shape_id > 0");
        assertThat(labels.primaryKey().columns()).containsExactly("pos", "shape_id");
        Table watchers = table(m, "Shape_Owner");
        assertThat(column(watchers, "idx")).isEqualTo(new Column("idx", SqlType.raw("integer"), false, "0", false, null));
        assertThat(watchers.checkConstraints()).extracting(CheckConstraint::expression).containsExactly("o_id > 0");
        assertThat(watchers.primaryKey().columns()).containsExactly("idx", "s_id");
        Table note = table(m, "Note");
        assertThat(column(note, "owner_ref").type()).isEqualTo(SqlType.raw("bigint"));
        assertThat(note.checkConstraints()).extracting(CheckConstraint::expression).containsExactly("owner_ref > 0");

        Column tagCode = column(table(model(FIXTURES + "coldefjoinpg"), "Sticker"), "tag_code");
        assertThat(tagCode.type()).isEqualTo(SqlType.raw("varchar(20)"));
        assertThat(tagCode.collation()).isEqualTo("C");
    }

    @Test
    void basicAttributes() {
        Table t = table(model(FIXTURES + "simple"), "customer");
        assertThat(t.primaryKey().columns()).containsExactly("id");
        assertThat(column(t, "id")).isEqualTo(new Column("id", SqlType.of(Kind.BIGINT), false, null, true, null));
        assertThat(column(t, "name")).isEqualTo(new Column("name", SqlType.string(100), false, null, false, null));
        assertThat(column(t, "email").type()).isEqualTo(SqlType.string(255));
        assertThat(column(t, "email").nullable()).isTrue();
        assertThat(column(t, "balance").type()).isEqualTo(SqlType.numeric(12, 2));
        assertThat(column(t, "rate").type()).isEqualTo(SqlType.numeric(38, 2));
        assertThat(column(t, "bigNumber").type()).isEqualTo(SqlType.numeric(38, 0));
        assertThat(column(t, "status").type()).isEqualTo(SqlType.string("SUSPENDED".length()));
        assertThat(column(t, "status").nullable()).isFalse();
        assertThat(column(t, "tier").type()).isEqualTo(SqlType.of(Kind.INTEGER));
        assertThat(column(t, "active")).isEqualTo(new Column("active", SqlType.of(Kind.BOOLEAN), false, null, false, null));
        assertThat(column(t, "loginCount").type()).isEqualTo(SqlType.of(Kind.INTEGER));
        assertThat(column(t, "loginCount").nullable()).isFalse();
        assertThat(column(t, "score").nullable()).isTrue();
        assertThat(column(t, "shortValue").type()).isEqualTo(SqlType.of(Kind.SMALLINT));
        assertThat(column(t, "byteValue").type()).isEqualTo(SqlType.of(Kind.SMALLINT));
        assertThat(column(t, "ratio").type()).isEqualTo(SqlType.of(Kind.DOUBLE));
        assertThat(column(t, "weight").type()).isEqualTo(SqlType.of(Kind.REAL));
        assertThat(column(t, "initial").type()).isEqualTo(SqlType.chars(1));
        assertThat(column(t, "birthDate").type()).isEqualTo(SqlType.of(Kind.DATE));
        assertThat(column(t, "wakeUp").type()).isEqualTo(SqlType.time(false));
        assertThat(column(t, "lastSeen").type()).isEqualTo(SqlType.timestamp(false));
        assertThat(column(t, "createdAt").type()).isEqualTo(SqlType.timestamp(true));
        assertThat(column(t, "updatedAt").type()).isEqualTo(SqlType.timestamp(true));
        assertThat(column(t, "legacyDate").type()).isEqualTo(SqlType.of(Kind.DATE));
        assertThat(column(t, "legacyTimestamp").type()).isEqualTo(SqlType.timestamp(false));
        assertThat(column(t, "externalId").type()).isEqualTo(SqlType.of(Kind.UUID)); // uuid on PostgreSQL
        assertThat(column(t, "avatar").type()).isEqualTo(SqlType.binary(255));
        assertThat(column(t, "notes").type()).isEqualTo(SqlType.raw("oid")); // Hibernate's @Lob on PostgreSQL
        assertThat(column(t, "document").type()).isEqualTo(SqlType.raw("oid"));
        assertThat(column(t, "stage")).isEqualTo(new Column("stage", SqlType.raw("varchar(20)"), false, "'new'", false, null));
        assertThat(column(t, "display_name").comment()).isEqualTo("shown in the UI");
        assertThat(column(t, "version").nullable()).isFalse();
        assertThat(t.columns()).extracting(Column::name).doesNotContain("cached", "scratch", "instances");

        // unnamed unique constraints get PostgreSQL's own name for them, <table>_<columns>_key, so a downgrade can drop them
        assertThat(t.uniqueConstraints()).containsExactlyInAnyOrder(new UniqueConstraint("customer_email_key", List.of("email")),
                new UniqueConstraint("uq_customer_code", List.of("code")), new UniqueConstraint("customer_coupon_key", List.of("coupon")));
        assertThat(column(t, "coupon").type()).isEqualTo(SqlType.raw("varchar(64)"));
        assertThat(t.indexes()).containsExactly(
                new Index("ix_customer_name", List.of(IndexElement.column("name")), false, null),
                new Index("ix_customer_country_city", List.of(IndexElement.column("country"), IndexElement.expression("city DESC")),
                        false, null));
    }

    /** "city DESC" in an @Index is kept on every engine: each reads a descending column back (r2-16). */
    @Test
    void descendingIndexColumns() {
        for (String engine : List.of("sqlite", "mariadb")) {
            SchemaModel model = ModelSources.load("jpa:" + FIXTURES + "simple", new ModelContext(null, Dialects.forName(engine), null,
                    JpaModelSourceTest.class.getClassLoader()));
            assertThat(table(model, "customer").indexes()).extracting(Index::elements)
                    .as(engine).contains(List.of(IndexElement.column("country"), IndexElement.expression("city DESC")));
        }
    }

    @Test
    void relationships() {
        SchemaModel m = model(FIXTURES + "relations");
        assertThat(m.tables()).extracting(Table::name).containsExactlyInAnyOrder("Author", "Profile", "Book", "Tag", "Chapter",
                "Note", "book_tags", "Book_Tag", "Book_Chapter", "Author_nicknames");

        Table author = table(m, "Author");
        assertThat(column(author, "profile_id")).isEqualTo(new Column("profile_id", SqlType.of(Kind.INTEGER), false, null, false, null));
        assertThat(author.foreignKeys()).containsExactly(
                new ForeignKey("fk_author_profile", List.of("profile_id"), null, "Profile", List.of("id"), null, null));
        assertThat(author.uniqueConstraints()).containsExactly(new UniqueConstraint("Author_profile_id_key", List.of("profile_id")));
        assertThat(author.columns()).extracting(Column::name).containsExactly("id", "name", "profile_id");
        assertThat(table(m, "Profile").columns()).extracting(Column::name).containsExactly("id", "bio");

        Table book = table(m, "Book");
        assertThat(column(book, "author_ref").nullable()).isFalse();
        assertThat(column(book, "book_idx")).as("@OrderColumn of the inverse (mappedBy) side: in the target's table, as Hibernate makes it")
                .isEqualTo(new Column("book_idx", SqlType.of(Kind.INTEGER), true, null, false, null));
        assertThat(column(book, "author_ref").type()).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(column(book, "editor_id").nullable()).isTrue();
        assertThat(column(book, "previous_id").type()).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(book.foreignKeys()).containsExactlyInAnyOrder(
                new ForeignKey("fk_book_author", List.of("author_ref"), null, "Author", List.of("id"), null, null),
                new ForeignKey("fk_Book_editor_id", List.of("editor_id"), null, "Author", List.of("id"), null, null));

        Table bookTag = table(m, "book_tags");
        assertThat(bookTag.columns()).containsExactly(
                new Column("book_id", SqlType.of(Kind.BIGINT), false, null, false, null),
                new Column("tag_code", SqlType.string(255), false, null, false, null));
        assertThat(bookTag.primaryKey().columns()).containsExactly("book_id", "tag_code");
        assertThat(bookTag.foreignKeys()).extracting(ForeignKey::refTable).containsExactly("Book", "Tag");

        // defaults: Owner_Target, <entity>_<key>, <attribute>_<key>
        Table genres = table(m, "Book_Tag");
        assertThat(genres.columns()).extracting(Column::name).containsExactly("Book_id", "genres_code");

        // a unidirectional one-to-many: a join table with a unique target side, and an order column
        Table chapters = table(m, "Book_Chapter");
        assertThat(chapters.columns()).extracting(Column::name).containsExactly("Book_id", "chapters_id", "chapters_ORDER");
        assertThat(chapters.primaryKey().columns()).as("an indexed list: owner and position, as Hibernate keys it")
                .containsExactly("chapters_ORDER", "Book_id");
        assertThat(chapters.uniqueConstraints()).containsExactly(new UniqueConstraint("Book_Chapter_chapters_id_key", List.of("chapters_id")));

        // one-to-many with a join column: the key lives in the target's table
        Table note = table(m, "Note");
        assertThat(column(note, "book_id").type()).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(note.foreignKeys()).containsExactly(new ForeignKey("fk_Note_book_id", List.of("book_id"), null, "Book", List.of("id"), null, null));

        Table nicknames = table(m, "Author_nicknames");
        assertThat(nicknames.columns()).containsExactly(
                new Column("Author_id", SqlType.of(Kind.BIGINT), false, null, false, null),
                new Column("nicknames", SqlType.string(255), true, null, false, null));
        assertThat(nicknames.primaryKey()).as("a set of nullable elements: no key, as Hibernate makes it").isNull();
    }

    /**
     * jpa-lob-collections: an element collection of large objects has the large-object type of each engine in its
     * value column (as Hibernate 6.6 declares it), and a set is keyed only when its element columns are NOT NULL, as
     * Hibernate keys it: a set of @Lob values was keyed by its LOB column, which MariaDB refuses to key.
     */
    @Test
    void elementCollectionsOfLargeObjects() {
        SchemaModel my = model(FIXTURES + "lobcollections", "mariadb");
        assertThat(column(table(my, "Doc_pages"), "pages")).isEqualTo(new Column("pages", SqlType.raw("LONGTEXT"), true, null, false, null));
        assertThat(column(table(my, "Doc_blobs"), "blobs")).isEqualTo(new Column("blobs", SqlType.raw("LONGBLOB"), true, null, false, null));
        assertThat(table(my, "Doc_blobs").primaryKey()).isNull();
        assertThat(column(table(my, "Doc_ordered"), "ordered").type()).isEqualTo(SqlType.raw("LONGTEXT"));
        assertThat(table(my, "Doc_ordered").primaryKey().columns()).containsExactly("ordered_ORDER", "Doc_id");
        assertThat(table(my, "Doc_labels").primaryKey().columns()).containsExactly("Doc_id", "labels");
        assertThat(table(my, "Doc_numbers").primaryKey()).isNull();
        assertThat(column(table(my, "Doc_numbers"), "numbers").nullable()).isTrue();
        assertThat(table(my, "Doc_parts").primaryKey()).isNull();
        assertThat(table(my, "Doc_parts").columns()).filteredOn(Column::nullable).extracting(Column::name).containsExactly("name", "qty");
        SchemaModel pg = model(FIXTURES + "lobcollections", "postgresql");
        assertThat(column(table(pg, "Doc_pages"), "pages").type()).isEqualTo(SqlType.raw("oid"));
        assertThat(column(table(pg, "Doc_blobs"), "blobs").type()).isEqualTo(SqlType.raw("oid"));
        SchemaModel h2 = model(FIXTURES + "lobcollections", "h2");
        assertThat(column(table(h2, "Doc_pages"), "pages").type()).isEqualTo(SqlType.of(Kind.TEXT));
        assertThat(column(table(h2, "Doc_blobs"), "blobs").type()).isEqualTo(SqlType.of(Kind.BLOB));
    }

    @Test
    void inheritance() {
        SchemaModel m = model(FIXTURES + "inheritance");
        assertThat(m.tables()).extracting(Table::name).containsExactlyInAnyOrder("Vehicle", "Payment", "card_payment", "BankPayment");

        Table vehicle = table(m, "Vehicle");
        assertThat(vehicle.columns()).extracting(Column::name)
                .containsExactly("id", "DTYPE", "createdAt", "make", "seats", "payload");
        assertThat(column(vehicle, "id").autoincrement()).isTrue();
        assertThat(column(vehicle, "id").type()).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(column(vehicle, "DTYPE")).isEqualTo(new Column("DTYPE", SqlType.string(31), false, null, false, null));
        assertThat(column(vehicle, "createdAt").nullable()).isFalse();
        assertThat(column(vehicle, "seats").nullable()).as("subclass columns of a single table are nullable").isTrue();
        assertThat(column(vehicle, "payload").nullable()).isTrue();

        Table payment = table(m, "Payment");
        assertThat(payment.columns()).extracting(Column::name).containsExactly("id", "kind", "createdAt", "amount");
        assertThat(column(payment, "kind").type()).isEqualTo(SqlType.chars(1));
        Table card = table(m, "card_payment");
        assertThat(card.columns()).containsExactly(new Column("id", SqlType.of(Kind.INTEGER), false, null, false, null),
                new Column("cardNumber", SqlType.string(255), true, null, false, null));
        assertThat(card.primaryKey().columns()).containsExactly("id");
        assertThat(card.foreignKeys()).containsExactly(new ForeignKey("fk_card_payment_id", List.of("id"), null, "Payment", List.of("id"), null, null));
        Table bank = table(m, "BankPayment");
        assertThat(bank.primaryKey().columns()).containsExactly("payment_id");
        assertThat(bank.foreignKeys()).containsExactly(new ForeignKey("fk_BankPayment_payment_id", List.of("payment_id"), null, "Payment", List.of("id"), null, null));
    }

    @Test
    void embeddedAndCompositeKeys() {
        SchemaModel m = model(FIXTURES + "embedded");
        Table person = table(m, "Person");
        assertThat(person.columns()).extracting(Column::name)
                .containsExactly("id", "street", "city", "lat", "lon", "work_street", "work_city", "work_lat", "work_lon");
        assertThat(column(person, "city").type()).isEqualTo(SqlType.string(80));
        assertThat(column(person, "work_city").type()).isEqualTo(SqlType.string(50));
        // a primitive in an embeddable: NULL when the embedded object is null, as Hibernate writes it
        assertThat(column(person, "lat").nullable()).isTrue();
        assertThat(column(person, "work_lon").nullable()).isTrue();
        Table meter = table(m, "Meter");
        assertThat(column(meter, "low").nullable()).as("a record component").isTrue();
        assertThat(column(meter, "high").nullable()).as("@Column(nullable = false)").isFalse();

        Table line = table(m, "OrderLine");
        // composite keys in Hibernate 6's order (ColumnOrderingStrategyStandard: size, then name), as its DDL for
        // these fixtures has them: primary key (lineNo, orderId), primary key (trackingNo, carrier)
        assertThat(line.primaryKey().columns()).containsExactly("lineNo", "orderId");
        Table shipment = table(m, "Shipment");
        assertThat(shipment.primaryKey().columns()).containsExactly("trackingNo", "carrier");

        Table event = table(m, "ShipmentEvent");
        assertThat(event.columns()).extracting(Column::name)
                .containsExactly("id", "shipment_trackingNo", "shipment_carrier", "line_lineNo", "line_orderId");
        assertThat(column(event, "shipment_trackingNo").type()).isEqualTo(SqlType.string(40));
        assertThat(event.foreignKeys()).containsExactlyInAnyOrder(
                new ForeignKey("fk_ShipmentEvent_shipment_trackingNo_shipment_carrier", List.of("shipment_trackingNo", "shipment_carrier"),
                        null, "Shipment", List.of("trackingNo", "carrier"), null, null),
                new ForeignKey("fk_ShipmentEvent_line_lineNo_line_orderId", List.of("line_lineNo", "line_orderId"), null, "OrderLine",
                        List.of("lineNo", "orderId"), null, null));
    }

    /** Join table and @IdClass keys in Hibernate 6's column order, so a database Hibernate made keeps its keys. */
    @Test
    void compositeKeysInHibernateOrder() {
        SchemaModel m = model(FIXTURES + "keys");
        assertThat(table(m, "vet_specialties").primaryKey().columns()).containsExactly("specialty_id", "vet_id");
        assertThat(table(m, "Slot").primaryKey().columns()).containsExactly("aa", "zz");
    }

    /** Explicit @JoinColumns to a composite key, listed against its order: the foreign key follows the key (MariaDB wants it so). */
    @Test
    void joinColumnsListedAgainstTheKeyFollowTheKey() {
        SchemaModel m = model(FIXTURES + "keys");
        assertThat(table(m, "Pen").primaryKey().columns()).containsExactly("number", "zone");
        Table animal = table(m, "Animal");
        assertThat(animal.columns()).extracting(Column::name).as("the columns as declared").containsExactly("id", "pen_zone", "pen_number");
        assertThat(animal.foreignKeys()).containsExactly(new ForeignKey("fk_Animal_pen_zone_pen_number",
                List.of("pen_number", "pen_zone"), null, "Pen", List.of("number", "zone"), null, null));
        assertThat(table(m, "Keeper").foreignKeys()).containsExactly(new ForeignKey("fk_Keeper_keeper_pen_zone_keeper_pen_number",
                List.of("keeper_pen_number", "keeper_pen_zone"), null, "Pen", List.of("number", "zone"), null, null));
    }

    @Test
    void snakeCaseNaming() {
        SchemaModel m = model(FIXTURES + "naming?naming=snake_case");
        assertThat(m.tables()).extracting(Table::name).containsExactlyInAnyOrder("order_line", "purchase_order", "promo_code",
                "order_line_promo_codes");
        Table line = table(m, "order_line");
        assertThat(line.columns()).extracting(Column::name)
                .containsExactly("line_id", "product_sku", "quantity_ordered", "purchase_order_order_id");
        assertThat(line.foreignKeys()).extracting(ForeignKey::refTable, ForeignKey::refColumns)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("purchase_order", List.of("order_id")));
        assertThat(line.indexes()).extracting(Index::name, i -> i.elements().get(0).column())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ixOrderLineSku", "product_sku"));
        assertThat(table(m, "purchase_order").columns()).extracting(Column::name).containsExactly("order_id", "customer_ref2value");
        assertThat(table(m, "order_line_promo_codes").columns()).extracting(Column::name)
                .containsExactly("order_line_line_id", "promo_codes_code");

        SchemaModel jpa = model(FIXTURES + "naming");
        assertThat(jpa.tables()).extracting(Table::name).containsExactlyInAnyOrder("OrderLine", "PurchaseOrder", "PromoCode",
                "OrderLine_PromoCode");
        assertThat(table(jpa, "OrderLine").columns()).extracting(Column::name)
                .containsExactly("lineId", "productSku", "quantityOrdered", "purchaseOrder_orderId");
    }

    @Test
    void snakeCaseLikeHibernate() {
        assertThat(Naming.snakeCase("orderLine")).isEqualTo("order_line");
        assertThat(Naming.snakeCase("OrderLine")).isEqualTo("order_line");
        assertThat(Naming.snakeCase("URLValue")).isEqualTo("urlvalue");
        assertThat(Naming.snakeCase("address.zipCode")).isEqualTo("address_zip_code");
        // a digit starts no word (Hibernate 6.4.4's DDL: address2line, sha256hash, oauth2token, line1text)
        assertThat(Naming.snakeCase("line2Total")).isEqualTo("line2total");
        assertThat(Naming.snakeCase("address2Line")).isEqualTo("address2line");
        assertThat(Naming.snakeCase("sha256Hash")).isEqualTo("sha256hash");
        assertThat(Naming.snakeCase("oauth2Token")).isEqualTo("oauth2token");
        assertThat(Naming.snakeCase("aB2cD")).isEqualTo("ab2cd");
        assertThat(Naming.snakeCase("already_snake")).isEqualTo("already_snake");
    }

    /** On a database that folds unquoted names (H2 here, PostgreSQL likewise), names are those the application's SQL reaches. */
    @Test
    void foldedNamesOnDatabasesThatFoldThem() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:jpa_fold")) {
            SchemaModel m = ModelSources.load("jpa:" + FIXTURES + "naming", new ModelContext(null, Dialects.forName("h2"), h2,
                    JpaModelSourceTest.class.getClassLoader()));
            assertThat(m.tables()).extracting(Table::name).containsExactlyInAnyOrder("orderline", "purchaseorder", "promocode",
                    "orderline_promocode");
            assertThat(table(m, "orderline").columns()).extracting(Column::name)
                    .containsExactly("lineid", "productsku", "quantityordered", "purchaseorder_orderid");
            assertThat(table(m, "orderline").indexes()).extracting(Index::name).containsExactly("ixorderlinesku");
        }
    }

    @Test
    void sequences() throws Exception {
        SchemaModel m = model(FIXTURES + "sequence");
        // Hibernate 6 (StandardNamingStrategy): the root table's name + _SEQ, AUTO included (6.4.4's DDL:
        // create sequence widgets_SEQ start with 1 increment by 50)
        assertThat(m.sequences()).containsExactlyInAnyOrder(new Sequence(null, "invoice_numbers", 1000L, 1L),
                new Sequence(null, "Receipt_SEQ", 1L, 50L), new Sequence(null, "widgets_SEQ", 1L, 50L),
                new Sequence(null, "documents_SEQ", 1L, 50L), new Sequence(null, "gadgets_SEQ", 1L, 50L));
        assertThat(column(table(m, "Invoice"), "id").autoincrement()).isFalse();
        assertThat(column(table(m, "gadgets"), "id").autoincrement()).as("AUTO where there are sequences").isFalse();
        SchemaModel sqlite = ModelSources.load("jpa:" + FIXTURES + "sequence", new ModelContext(null, Dialects.forName("sqlite"), null,
                JpaModelSourceTest.class.getClassLoader()));
        assertThat(sqlite.sequences()).as("SQLite has no sequences").isEmpty();
        assertThat(column(table(sqlite, "gadgets"), "id").autoincrement()).as("AUTO without sequences").isTrue();
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:jpa_seq")) {
            SchemaModel folded = ModelSources.load("jpa:" + FIXTURES + "sequence", new ModelContext(null, Dialects.forName("h2"), h2,
                    JpaModelSourceTest.class.getClassLoader()));
            assertThat(folded.sequences()).extracting(Sequence::name).contains("widgets_seq", "documents_seq");
        }
    }

    @Test
    void severalPackages() {
        SchemaModel m = model(FIXTURES + "simple, " + FIXTURES + "sequence");
        assertThat(m.tables()).extracting(Table::name).containsExactlyInAnyOrder("customer", "Invoice", "Receipt", "widgets",
                "documents", "memos", "gadgets");
    }

    @Test
    void readOnlyAssociationsKeepTheirConstraints() {
        Table line = table(model(FIXTURES + "readonly"), "purchase_line");
        assertThat(line.foreignKeys()).as("insertable/updatable = false concern DML only; NO_CONSTRAINT adds none")
                .extracting(ForeignKey::columns, ForeignKey::refTable, ForeignKey::refColumns)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(List.of("orderId"), "purchase", List.of("id")),
                        org.assertj.core.groups.Tuple.tuple(List.of("invoiceId"), "purchase", List.of("id")));
        assertThat(line.uniqueConstraints()).extracting(UniqueConstraint::columns).containsExactly(List.of("invoiceId"));
    }

    @Test
    void convertersOverridesDerivedKeysAndPropertyAccess() {
        SchemaModel m = model(FIXTURES + "more");
        Table account = table(m, "Account");
        assertThat(column(account, "balance").type()).as("@Convert: the converter's database side").isEqualTo(SqlType.string(255));
        assertThat(column(account, "enabled").type()).as("auto-applied converter").isEqualTo(SqlType.of(Kind.BOOLEAN));
        assertThat(column(account, "owner_id").type()).isEqualTo(SqlType.of(Kind.BIGINT));
        assertThat(account.foreignKeys()).as("a read-only view still has its key, as Hibernate makes it")
                .containsExactly(new ForeignKey("fk_Account_owner_id", List.of("owner_id"), null, "Account", List.of("id"), null, null));

        Table phones = table(m, "Account_phones");
        assertThat(phones.columns()).extracting(Column::name).containsExactly("Account_id", "number", "kind", "phones_ORDER");
        assertThat(column(phones, "number")).isEqualTo(new Column("number", SqlType.string(20), false, null, false, null));
        assertThat(phones.primaryKey().columns()).containsExactly("phones_ORDER", "Account_id");
        assertThat(phones.foreignKeys()).extracting(ForeignKey::refTable).containsExactly("Account");

        Table ledger = table(m, "Ledger");
        assertThat(ledger.columns()).containsExactly(new Column("id", SqlType.of(Kind.BIGINT), false, null, false, null),
                new Column("author", SqlType.string(64), true, null, false, null),
                new Column("title", SqlType.string(255), true, null, false, null));

        Table settings = table(m, "AccountSettings");
        assertThat(settings.columns()).extracting(Column::name).containsExactly("account_id", "theme");
        assertThat(settings.primaryKey().columns()).containsExactly("account_id");
        assertThat(settings.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::refTable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("account_id"), "Account"));

        Table stats = table(m, "AccountStats");
        assertThat(stats.columns()).extracting(Column::name).containsExactly("id", "visits");
        assertThat(stats.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::refTable, ForeignKey::refColumns)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("id"), "Account", List.of("id")));

        Table gauge = table(m, "Gauge");
        assertThat(gauge.columns()).containsExactly(new Column("key", SqlType.of(Kind.BIGINT), false, null, false, null),
                new Column("label", SqlType.string(30), true, null, false, null));
    }

    /** A collection or map with a converter, a columnDefinition or a JSON type code is one column of that type. */
    @Test
    void collectionsStoredInOneColumn() {
        Table comment = table(model(FIXTURES + "collections"), "Comment");
        assertThat(column(comment, "meta").type()).as("@Convert: the converter's database side").isEqualTo(SqlType.string(1000));
        assertThat(column(comment, "attributes").type()).isEqualTo(SqlType.raw("jsonb"));
        assertThat(column(comment, "labels").type()).isEqualTo(SqlType.of(Kind.JSON));
        assertThat(m(comment)).containsExactly("id", "meta", "attributes", "labels");
    }

    private static List<String> m(Table t) {
        return t.columns().stream().map(Column::name).toList();
    }

    @Test
    void columnDefinitions() {
        assertThat(ColumnDefinition.parse("int not null default 0")).isEqualTo(new ColumnDefinition(SqlType.raw("int"), "0", true));
        assertThat(ColumnDefinition.parse("varchar(20) default null")).isEqualTo(new ColumnDefinition(SqlType.raw("varchar(20)"), null, null));
        assertThat(ColumnDefinition.parse("text default 'a not null'"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("text"), "'a not null'", null));
        assertThat(ColumnDefinition.parse("jsonb")).isEqualTo(new ColumnDefinition(SqlType.raw("jsonb"), null, null));
        // UNIQUE is a constraint, not part of the type
        assertThat(ColumnDefinition.parse("varchar(64) unique")).isEqualTo(new ColumnDefinition(SqlType.raw("varchar(64)"), null, null, true, null, List.of(), List.of(), null));
        assertThat(ColumnDefinition.parse("varchar(64) UNIQUE NOT NULL"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("varchar(64)"), null, true, true, null, List.of(), List.of(), null));
        assertThat(ColumnDefinition.parse("int not null unique key default 0"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("int"), "0", true, true, null, List.of(), List.of(), null));
        // t37-4: MariaDB/MySQL's ON UPDATE is the column's, before or after the default, not part of either
        assertThat(ColumnDefinition.parse("TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("TIMESTAMP"), "CURRENT_TIMESTAMP", true, false, null, List.of(), List.of(), "CURRENT_TIMESTAMP"));
        assertThat(ColumnDefinition.parse("datetime(3) on update current_timestamp(3) default current_timestamp(3) null"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("datetime(3)"), "current_timestamp(3)", false, false, null, List.of(), List.of(), "current_timestamp(3)"));
        assertThat(ColumnDefinition.parse("varchar(20) default 'on update x'"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("varchar(20)"), "'on update x'", null));
        assertThat(ColumnDefinition.parse("varchar(9) default ' unique'"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("varchar(9)"), "' unique'", null, false, null, List.of(), List.of(), null));
        assertThat(ColumnDefinition.parse("uniqueidentifier")).isEqualTo(new ColumnDefinition(SqlType.raw("uniqueidentifier"), null, null));
        // t40-9: PostgreSQL's serial types are NOT NULL
        assertThat(ColumnDefinition.parse("serial")).isEqualTo(new ColumnDefinition(SqlType.raw("serial"), null, true));
        assertThat(ColumnDefinition.parse("BIGSERIAL")).isEqualTo(new ColumnDefinition(SqlType.raw("BIGSERIAL"), null, true));
        assertThat(ColumnDefinition.parse("serial null")).isEqualTo(new ColumnDefinition(SqlType.raw("serial"), null, false));
        // t40-4: CHECK, COLLATE, CHARACTER SET and ON UPDATE are not part of the type (ON UPDATE is the column's)
        assertThat(ColumnDefinition.parse("smallint check (pages > 0)")).isEqualTo(new ColumnDefinition(SqlType.raw("smallint"), null,
                null, false, null, List.of(new ColumnDefinition.Check(null, "pages > 0")), List.of(), null));
        assertThat(ColumnDefinition.parse("varchar(10) constraint ck_len check (length(code) in (2, 3)) not null default 'ab'"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("varchar(10)"), "'ab'", true, false, null,
                        List.of(new ColumnDefinition.Check("ck_len", "length(code) in (2, 3)")), List.of(), null));
        assertThat(ColumnDefinition.parse("varchar(10) collate \"C\" not null")).isEqualTo(new ColumnDefinition(SqlType.raw("varchar(10)"),
                null, true, false, "C", List.of(), List.of(), null));
        assertThat(ColumnDefinition.parse("varchar(20) character set ascii collate ascii_bin")).isEqualTo(new ColumnDefinition(
                SqlType.raw("varchar(20)"), null, null, false, "ascii_bin", List.of(), List.of("character set ascii"), null));
        assertThat(ColumnDefinition.parse("datetime(6) default current_timestamp(6) on update current_timestamp(6)"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("datetime(6)"), "current_timestamp(6)", null, false, null, List.of(),
                        List.of(), "current_timestamp(6)"));
        assertThat(ColumnDefinition.parse("varchar(30) default 'check (x) collate y'"))
                .isEqualTo(new ColumnDefinition(SqlType.raw("varchar(30)"), "'check (x) collate y'", null));
    }

    /**
     * Bean Validation's @NotNull on an entity whose jar is not in 'classpath': reflection drops the annotation
     * without a word, so a warning names it and the jar to add (t40-6).
     */
    @Test
    void annotationsWhoseClassIsMissingAreNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path src = dir.resolve("src");
        java.nio.file.Path out = dir.resolve("classes");
        java.nio.file.Path annotation = src.resolve("jakarta/validation/constraints/NotNull.java");
        java.nio.file.Path entity = src.resolve("bvfix/Person.java");
        java.nio.file.Files.createDirectories(annotation.getParent());
        java.nio.file.Files.createDirectories(entity.getParent());
        java.nio.file.Files.writeString(annotation, "package jakarta.validation.constraints;\n"
                + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME) public @interface NotNull {}\n");
        java.nio.file.Files.writeString(entity, "package bvfix;\n@jakarta.persistence.Entity public class Person {\n"
                + "  @jakarta.persistence.Id Long id;\n  @jakarta.validation.constraints.NotNull String name;\n}\n");
        String jpaJar = java.nio.file.Path.of(jakarta.persistence.Entity.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-classpath", jpaJar, "-d", out.toString(),
                annotation.toString(), entity.toString());
        assertThat(rc).isZero();
        // the entity as a build leaves it when jakarta.validation-api is a compile dependency Retort is not given
        java.nio.file.Files.delete(out.resolve("jakarta/validation/constraints/NotNull.class"));
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{out.toUri().toURL()},
                JpaModelSourceTest.class.getClassLoader())) {
            SchemaModel[] m = new SchemaModel[1];
            String err = dev.retort.testing.Stderr.of(() -> m[0] = ModelSources.load("jpa:bvfix",
                    new ModelContext(null, Dialects.forName("postgresql"), null, loader)));
            assertThat(column(table(m[0], "Person"), "name").nullable()).as("unread, as reflection drops it").isTrue();
            assertThat(err).contains("bvfix.Person carries @jakarta.validation.constraints.NotNull, whose class is not on the class path")
                    .contains("the model lacks NOT NULL; add the jakarta.validation-api jar to 'classpath' in retort.toml");
            assertThat(err.split("jakarta.validation.constraints.NotNull", -1)).as("once").hasSize(2);
        }
    }

    /** javax entities next to jakarta ones are not read, and a warning names them. */
    @Test
    void javaxEntitiesNextToJakartaOnesAreNamed() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        SchemaModel m;
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            m = model(FIXTURES + "mixed");
        } finally {
            System.setErr(err);
        }
        assertThat(m.tables()).extracting(Table::name).containsExactly("Migrated");
        assertThat(captured.toString()).contains("1 class(es) annotated @javax.persistence.Entity (JPA 2) are not part of the model")
                .contains("dev.retort.jpa.fixtures.mixed.Legacy");
    }

    /** An entity compiled for a newer Java than Retort runs on: the message says so, not "add jars to classpath". */
    @Test
    void classCompiledForNewerJava(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String resource = "dev/retort/jpa/fixtures/noid/Thing.class";
        byte[] bytes;
        try (java.io.InputStream in = JpaModelSourceTest.class.getClassLoader().getResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        }
        bytes[6] = 0;
        bytes[7] = (byte) 200; // class file major version 200
        java.nio.file.Path file = dir.resolve(resource);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, bytes);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{dir.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            ModelContext context = new ModelContext(null, Dialects.forName("postgresql"), null, loader);
            assertThatThrownBy(() -> new JpaModelSource().load(FIXTURES + "noid", context)).isInstanceOf(RetortException.class)
                    .hasMessageContaining("Cannot load entity class dev.retort.jpa.fixtures.noid.Thing: it was compiled for a newer Java")
                    .hasMessageContaining("set JAVA_HOME").hasMessageContaining("--release " + Runtime.version().feature())
                    .hasMessageNotContaining("'classpath'");
        }
    }

    /**
     * t63-3: a classpath entry that does not exist (a build folder mixed up) was warned about for Java revisions but
     * not for a jpa: model, whose error said only "has no classes on the class path".
     */
    @Test
    void aMissingClasspathEntryIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path missing = dir.resolve("build/classes/java/main");
        java.nio.file.Path there = java.nio.file.Files.createDirectories(dir.resolve("target/classes"));
        for (String target : List.of("jpa:com.example.bad", "sql:schema.sql")) {
            dev.retort.config.RetortConfig config = new dev.retort.config.RetortConfig(dir.resolve("retort.toml"),
                    dir.resolve("migrations"), List.of(dir.resolve("migrations/versions")), "jdbc:h2:mem:x", "jdbc:h2:mem:x",
                    "{rev}_{slug}", 40, "retort_version", "", "retort_history", false, target, "UTC",
                    java.time.Duration.ofSeconds(10), List.of(missing, there), java.util.Map.of(), List.of(), List.of());
            String warned = dev.retort.testing.Stderr.of(() -> assertThatThrownBy(() ->
                    dev.retort.autogenerate.Autogenerator.loadModel(config, Dialects.forName("postgresql"), null))
                    .isInstanceOf(RetortException.class)
                    .hasMessageEndingWith(target.startsWith("sql:") ? "does not exist"
                            : "has no classes on the class path (retort.toml 'classpath' is [" + missing + ", " + there
                            + "], and " + missing + " does not exist)"));
            String warning = "The classpath entry " + missing + " (retort.toml's classpath) does not exist";
            if (target.startsWith("sql:")) assertThat(warned).as("a sql: model loads no classes").doesNotContain(warning);
            else assertThat(warned).contains(warning).doesNotContain(there.toString());
        }
    }

    @Test
    void errorsNameTheClassAndAttribute() {
        assertThatThrownBy(() -> model(FIXTURES + "noid")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.noid.Thing: the entity has no @Id or @EmbeddedId attribute "
                        + "(nor does a @MappedSuperclass above it)");
        assertThatThrownBy(() -> model(FIXTURES + "tablePerClass")).isInstanceOf(RetortException.class)
                .hasMessageContaining("dev.retort.jpa.fixtures.tablePerClass.Animal: @Inheritance(strategy = TABLE_PER_CLASS) is not supported");
        assertThatThrownBy(() -> model(FIXTURES + "badtype")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("JPA mapping of dev.retort.jpa.fixtures.badtype.Gadget.payload: no column type for Java type java.lang.Object");
        assertThatThrownBy(() -> model(FIXTURES + "plain")).isInstanceOf(RetortException.class)
                .hasMessageContaining("Package dev.retort.jpa.fixtures.plain").hasMessageContaining("holds 1 class(es) but no @jakarta.persistence.Entity");
        assertThatThrownBy(() -> model("com.example.nowhere")).isInstanceOf(RetortException.class)
                .hasMessageContaining("Package com.example.nowhere (target_metadata jpa:com.example.nowhere) has no classes on the class path");
        assertThatThrownBy(() -> model(FIXTURES + "duplicate")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping: column 'name' of table 'Clash' is mapped twice, by dev.retort.jpa.fixtures.duplicate.Clash.name "
                        + "and by dev.retort.jpa.fixtures.duplicate.Clash.alias (rename one with @Column or @AttributeOverride, or make "
                        + "one read-only with insertable = false, updatable = false)");
        assertThatThrownBy(() -> model(FIXTURES + "arraytype")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("JPA mapping of dev.retort.jpa.fixtures.arraytype.Sample.values: no column type for Java type int[];");
        assertThatThrownBy(() -> model(FIXTURES + "twice")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("JPA mapping: column 'street' of table 'Resident' is mapped twice, by "
                        + "dev.retort.jpa.fixtures.twice.Resident.home.street and by dev.retort.jpa.fixtures.twice.Resident.work.street (");
        assertThatThrownBy(() -> model(FIXTURES + "sharedsequence")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping: sequence 'common_seq' is given conflicting values by @SequenceGenerator(name = \"g2\") of "
                        + "dev.retort.jpa.fixtures.sharedsequence.Item.id (start 1, allocationSize 50) and by @SequenceGenerator(name = "
                        + "\"g1\") of dev.retort.jpa.fixtures.sharedsequence.Purchase.id (start 1, allocationSize 10); give both the same "
                        + "initialValue and allocationSize, or each its own sequenceName");
        assertThatThrownBy(() -> model(FIXTURES + "otherschema")).isInstanceOf(RetortException.class)
                .hasMessageStartingWith("JPA mapping of dev.retort.jpa.fixtures.otherschema.Invoice: schema 'billing' is not the one Retort compares");
        // jpa-m2m-ordercol: as Hibernate refuses it; the order column was ignored
        assertThatThrownBy(() -> model(FIXTURES + "m2minverseorder")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.m2minverseorder.Student.courses: @OrderColumn on the inverse "
                        + "(mappedBy = \"students\") side of a @ManyToMany, which Hibernate refuses; put it on the owning side (the "
                        + "attribute students), whose join table keeps the order");
        assertThatThrownBy(() -> model(FIXTURES + "simple?naming=kebab")).isInstanceOf(RetortException.class)
                .hasMessageContaining("Unknown naming 'kebab'");
        assertThatThrownBy(() -> model(FIXTURES + "simple?case=upper")).isInstanceOf(RetortException.class)
                .hasMessageContaining("Unknown option 'case'");
    }

    /**
     * t71-1: the owner side of a join table is {@code <inverse attribute>_<key>} only for the inverse attribute whose
     * elements are the owner; Photo's join table took Post's inverse attribute (posts_id), and Video, without an inverse
     * side, did too, where Hibernate (and the application) use photos_id and Video_id.
     */
    @Test
    void joinTableOwnerColumnIsNamedAfterTheOwnersOwnInverseSide() {
        SchemaModel m = model(FIXTURES + "sharedtags");
        assertThat(table(m, "Post_Tag").columns()).extracting(Column::name).containsExactly("posts_id", "tags_id");
        assertThat(table(m, "Photo_Tag").columns()).extracting(Column::name).containsExactly("photos_id", "tags_id");
        assertThat(table(m, "Photo_Tag").foreignKeys()).contains(
                new ForeignKey("fk_Photo_Tag_photos_id", List.of("photos_id"), null, "Photo", List.of("id"), null, null));
        assertThat(table(m, "Video_Tag").columns()).extracting(Column::name).containsExactly("Video_id", "tags_id");
    }

    /**
     * t71-2: a @ManyToOne in an element collection's embeddable is a column of the collection table: its foreign key is
     * named after that table (it was named after the owner's, the same name as the owner's own room key, which MariaDB
     * and H2 refuse), and a join column to a non-key column is typed like it there (it stayed INTEGER, and the owner's
     * same-named column was retyped instead).
     */
    @Test
    void toOneInsideAnElementCollectionBelongsToTheCollectionTable() {
        SchemaModel m = model(FIXTURES + "collectionfk");
        Table employee = table(m, "Employee");
        assertThat(employee.foreignKeys()).extracting(ForeignKey::name).containsExactly("fk_Employee_room_id");
        assertThat(column(employee, "room_code").type()).isEqualTo(SqlType.of(Kind.INTEGER));
        Table skills = table(m, "Employee_skills");
        assertThat(skills.foreignKeys()).extracting(ForeignKey::name)
                .containsExactlyInAnyOrder("fk_Employee_skills_Employee_id", "fk_Employee_skills_room_id");
        Table bookings = table(m, "Employee_bookings");
        assertThat(column(bookings, "room_code").type()).isEqualTo(SqlType.string(12));
        assertThat(bookings.foreignKeys()).contains(
                new ForeignKey("fk_Employee_bookings_room_code", List.of("room_code"), null, "Room", List.of("code"), null, null));
    }

    /** t71-4: names PostgreSQL would cut short (and every later comparison then drop the table) are refused, each named. */
    @Test
    void namesOverTheEnginesLimitAreRefused() {
        assertThatThrownBy(() -> model(FIXTURES + "longnames")).isInstanceOf(RetortException.class)
                .hasMessageContaining("names what PostgreSQL cannot hold")
                .hasMessageContaining("  - table VeryLongEntityNameForTheCustomerRelationshipManagementModuleOfTheApp: it is 68 bytes "
                        + "long, and PostgreSQL names hold 63")
                .hasMessageContaining("  - column aVeryLongAttributeNameThatSomebodyWroteBecauseTheyLikeDescriptiveNamesA (table "
                        + "VeryLongEntityNameForTheCustomerRelationshipManagementModuleOfTheApp): it is 71 bytes long");
        assertThat(model(FIXTURES + "longnames", "h2").tables()).hasSize(1);
    }

    /**
     * t71-3: one @JoinColumn by position against a two-column key made a foreign key to half of it (PostgreSQL and H2
     * refused the revision, MariaDB took it); Hibernate refuses the mapping at boot, and so does the model now.
     */
    @Test
    void joinColumnsByPositionMustCoverTheWholeKey() {
        assertThatThrownBy(() -> model(FIXTURES + "halfkey")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.halfkey.Clerk.dept: 1 @JoinColumn(s) for the 2-column key of "
                        + "dev.retort.jpa.fixtures.halfkey.Dept (code, company); give one per key column, each with referencedColumnName");
        assertThatThrownBy(() -> model(FIXTURES + "halfkeymany")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.halfkeymany.Dept.desks: 1 @JoinColumn(s) for the 2-column key "
                        + "of dev.retort.jpa.fixtures.halfkeymany.Dept (code, company); give one per key column, each with "
                        + "referencedColumnName");
    }

    /**
     * t71-5: misspelt names that Hibernate refuses (or that would give other column names than the ones written) were
     * accepted without a word: a @PrimaryKeyJoinColumn's referencedColumnName (the whole annotation ignored), a mappedBy,
     * an @AttributeOverride's name (the column kept its own name).
     */
    @Test
    void misspeltNamesInMappingsAreRefused() {
        assertThatThrownBy(() -> model(FIXTURES + "typopk")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.typopk.Car: @PrimaryKeyJoinColumn(referencedColumnName = "
                        + "\"nope\") names no key column of dev.retort.jpa.fixtures.typopk.Vehicle (id)");
        assertThatThrownBy(() -> model(FIXTURES + "typomappedby")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.typomappedby.Parent.kids: mappedBy = \"parnet\" names no "
                        + "attribute of dev.retort.jpa.fixtures.typomappedby.Kid");
        assertThatThrownBy(() -> model(FIXTURES + "typom2m")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.typom2m.Label.items: mappedBy = \"label\" names no "
                        + "attribute of dev.retort.jpa.fixtures.typom2m.Item");
        assertThatThrownBy(() -> model(FIXTURES + "typooverride")).isInstanceOf(RetortException.class)
                .hasMessage("JPA mapping of dev.retort.jpa.fixtures.typooverride.Shop.address: @AttributeOverride(name = "
                        + "\"stret\") names no attribute of dev.retort.jpa.fixtures.typooverride.Address");
    }

    /** t71-7: a sequence starting at 0 or below has Hibernate's "minvalue <initialValue>", without which it is refused. */
    @Test
    void sequenceStartingAtZeroOrBelowHasThatMinValue() {
        assertThat(model(FIXTURES + "zeroseq").sequences()).containsExactlyInAnyOrder(
                new Sequence(null, "zero_seq", 0L, 1L, dev.retort.schema.SequenceOptions.DEFAULT.withMinValue(0L)),
                new Sequence(null, "below_seq", -100L, 10L, dev.retort.schema.SequenceOptions.DEFAULT.withMinValue(-100L)));
    }

    /**
     * t71-8: under snake_case a quoted name is snake-cased and lower-cased too, keeping its quotes, as Hibernate's
     * CamelCaseToUnderscoresNamingStrategy does: "User" is the table "user" a Spring Boot application queries (it was
     * kept as "User", another table on PostgreSQL and MariaDB). naming=jpa still takes it exactly.
     */
    @Test
    void quotedNamesUnderSnakeCaseAreSnakeCasedAsHibernateDoes() {
        SchemaModel snake = model(FIXTURES + "quotednaming?naming=snake_case");
        assertThat(snake.tables()).extracting(Table::name).containsExactlyInAnyOrder("user", "order_lines");
        assertThat(table(snake, "user").columns()).extracting(Column::name).containsExactly("id", "my_col", "display_name");
        SchemaModel jpa = model(FIXTURES + "quotednaming");
        assertThat(jpa.tables()).extracting(Table::name).containsExactlyInAnyOrder("User", "OrderLines");
        assertThat(table(jpa, "User").columns()).extracting(Column::name).containsExactly("id", "MyCol", "displayName");
    }

    /**
     * t71-9: a member annotated @Access of the other access type is persistent (JPA 2.3.2), as Hibernate maps it: its
     * column was missing, and the application's inserts failed.
     */
    @Test
    void anAttributeOfTheOtherAccessTypeIsMapped() {
        SchemaModel m = model(FIXTURES + "explicitaccess");
        Table person = table(m, "Person");
        assertThat(person.columns()).extracting(Column::name).containsExactly("id", "first", "last", "full_name");
        assertThat(column(person, "full_name").type()).isEqualTo(SqlType.string(200));
        Table badge = table(m, "Badge");
        assertThat(badge.columns()).extracting(Column::name).containsExactlyInAnyOrder("id", "serial_no");
        assertThat(column(badge, "serial_no").type()).isEqualTo(SqlType.string(16));
    }
}
