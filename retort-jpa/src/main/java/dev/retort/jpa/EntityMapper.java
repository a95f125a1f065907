package dev.retort.jpa;

import dev.retort.RetortException;
import dev.retort.jpa.TableDraft.Part;
import dev.retort.jpa.TableDraft.Piece;
import dev.retort.schema.CheckConstraint;
import dev.retort.schema.Column;
import dev.retort.schema.ForeignKey;
import dev.retort.schema.Index;
import dev.retort.schema.IndexElement;
import dev.retort.schema.SchemaModel;
import dev.retort.schema.Sequence;
import dev.retort.schema.SequenceOptions;
import dev.retort.schema.SqlType;
import dev.retort.schema.Table;
import dev.retort.schema.UniqueConstraint;
import jakarta.persistence.AccessType;
import jakarta.persistence.AssociationOverride;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Basic;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entity classes to a {@link SchemaModel}: tables (with single-table and joined inheritance), columns,
 * keys, relationships and their join tables, element collections, indexes, constraints and sequences.
 * What it does not map it refuses with a message naming the class and attribute.
 */
final class EntityMapper {
    private static final Logger LOG = LoggerFactory.getLogger(EntityMapper.class);
    private static final int MAX_NAME = 63;

    private final Naming naming;
    private final TypeMapping types;
    private final boolean sequencesSupported;
    private final Schemas schemas;
    private final List<Class<?>> scanned;
    private final Map<Class<?>, Entity> entities = new LinkedHashMap<>();
    private final Map<String, TableDraft> tables = new LinkedHashMap<>();
    private final Map<String, Sequence> sequences = new LinkedHashMap<>();
    private final Map<String, String> sequenceOrigins = new HashMap<>(); // the generator that added each sequence, for messages
    private final List<Runnable> afterwards = new ArrayList<>();

    /**
     * @param scanned            every class found in the packages (entities, converters, generators)
     * @param sequencesSupported the database has sequences (else {@code SEQUENCE} generators add none)
     * @param schemas            accepts the schema Retort compares, refuses any other
     * @param engine             the target dialect's name (column types follow Hibernate's for it)
     * @param uuid               a {@code UUID} attribute's column type on the target server
     */
    EntityMapper(Naming naming, List<Class<?>> scanned, boolean sequencesSupported, Schemas schemas, String engine, SqlType uuid) {
        this.naming = naming;
        this.types = new TypeMapping(scanned, engine, uuid);
        this.sequencesSupported = sequencesSupported;
        this.schemas = schemas;
        this.scanned = scanned;
    }

    /** Checks a {@code schema} or {@code catalog} attribute against the schema Retort compares. */
    interface Schemas {
        /** Throws a RetortException naming {@code where} when {@code schema} is not the compared one. */
        void check(String schema, String where);
    }

    /** One entity class and where its attributes go. */
    private static final class Entity {
        final Class<?> type;
        final String name;
        Entity parent;
        Entity root;
        InheritanceType strategy;
        List<Class<?>> classes = List.of(); // mapped superclasses top-down, then the entity: whose attributes it maps
        AccessType access;
        TableDraft table;
        Part identity;
        boolean resolving;
        boolean hasSubclasses;

        Entity(Class<?> type) {
            this.type = type;
            String n = type.getAnnotation(jakarta.persistence.Entity.class).name();
            this.name = n.isBlank() ? type.getSimpleName() : n;
        }
    }

    SchemaModel map(List<Class<?>> entityClasses) {
        for (Class<?> c : entityClasses) entities.put(c, new Entity(c));
        for (Entity e : entities.values()) hierarchy(e);
        List<Entity> ordered = new ArrayList<>(entities.values());
        ordered.sort(Comparator.comparingInt(EntityMapper::depth).thenComparing(e -> e.type.getName()));
        for (Entity e : ordered) tableOf(e);
        for (Entity e : ordered) mapEntity(e);
        afterwards.forEach(Runnable::run);
        List<Table> out = tables.values().stream()
                .map(t -> t.build(cols -> generatedName(t.name + "_" + String.join("_", cols) + "_key"))).toList();
        return new SchemaModel(out, List.copyOf(sequences.values()), List.of());
    }

    // ------------------------------------------------------------------ hierarchy and tables

    private void hierarchy(Entity e) {
        if (e.type.isAnnotationPresent(SecondaryTable.class) || e.type.isAnnotationPresent(jakarta.persistence.SecondaryTables.class)) {
            throw refuse(e.type.getName(), "@SecondaryTable is not supported");
        }
        List<Class<?>> own = new ArrayList<>();
        own.add(e.type);
        for (Class<?> s = e.type.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
            if (s.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                e.parent = entities.get(s);
                if (e.parent == null) {
                    throw refuse(e.type.getName(), "it extends the entity " + s.getName()
                            + ", which is not in the scanned packages (list its package too: jpa:pkg1,pkg2)");
                }
                break;
            }
            if (s.isAnnotationPresent(MappedSuperclass.class)) own.add(0, s);
        }
        e.classes = own;
    }

    private static int depth(Entity e) {
        int d = 0;
        for (Entity p = e.parent; p != null; p = p.parent) d++;
        return d;
    }

    private void tableOf(Entity e) {
        e.root = e.parent == null ? e : e.parent.root;
        if (e.parent == null) {
            Inheritance inh = e.type.getAnnotation(Inheritance.class);
            e.strategy = inh == null ? InheritanceType.SINGLE_TABLE : inh.strategy();
            List<Class<?>> all = new ArrayList<>(e.classes);
            e.access = Attribute.accessOf(all);
        } else {
            e.strategy = e.root.strategy;
            e.access = e.root.access;
            e.parent.hasSubclasses = true;
            e.root.hasSubclasses = true;
        }
        if (e.strategy == InheritanceType.TABLE_PER_CLASS) {
            throw refuse(e.type.getName(), "@Inheritance(strategy = TABLE_PER_CLASS) is not supported; "
                    + "use SINGLE_TABLE or JOINED, or map the classes as separate entities over a @MappedSuperclass");
        }
        if (e.parent != null && e.strategy == InheritanceType.SINGLE_TABLE) {
            e.table = e.root.table;
            return;
        }
        jakarta.persistence.Table t = e.type.getAnnotation(jakarta.persistence.Table.class);
        String name = naming.physical(t != null && !t.name().isBlank() ? t.name() : e.name);
        if (t != null) {
            schema(t.schema(), e.type.getName());
            schema(t.catalog(), e.type.getName());
        }
        e.table = newTable(name, e.type.getName());
    }

    private TableDraft newTable(String name, String origin) {
        TableDraft existing = tables.get(name.toLowerCase(Locale.ROOT));
        if (existing != null) {
            throw new RetortException("JPA mapping: table '" + name + "' is mapped twice, by " + existing.origin + " and by " + origin);
        }
        TableDraft t = new TableDraft(name, origin);
        tables.put(name.toLowerCase(Locale.ROOT), t);
        return t;
    }

    private void schema(String schema, String where) {
        if (schema != null && !schema.isBlank()) schemas.check(naming.physical(schema), where);
    }

    // ------------------------------------------------------------------ one entity

    private void mapEntity(Entity e) {
        TableDraft t = e.table;
        boolean singleTableChild = e.parent != null && e.strategy == InheritanceType.SINGLE_TABLE;
        if (!singleTableChild) {
            Part id = identity(e);
            t.addAll(id);
            t.primaryKey(id.names());
            if (e.parent != null) {
                PrimaryKeyJoinColumn[] pkjc = pkJoinColumns(e.type);
                PrimaryKeyJoinColumn first = pkjc.length > 0 ? pkjc[0] : null;
                t.foreignKey(foreignKey(first == null ? null : first.foreignKey(), t, id.names(), e.parent.table,
                        identity(e.parent).names()));
            }
            tableAnnotations(e, t);
        }
        if (e.parent == null && e.strategy == InheritanceType.SINGLE_TABLE && e.hasSubclasses
                || e.parent == null && e.type.isAnnotationPresent(DiscriminatorColumn.class)) {
            t.addAll(discriminator(e.type));
        }
        Map<String, jakarta.persistence.Column> overrides = new HashMap<>();
        Map<String, JoinColumn[]> associations = new HashMap<>();
        for (int i = e.classes.size() - 1; i >= 0; i--) {
            collectOverrides(e.classes.get(i), "", overrides, associations);
        }
        for (Class<?> c : e.classes) requireOverridden(c, e.type, c.getName());
        for (Class<?> c : e.classes) {
            for (Attribute a : Attribute.declared(c, e.type, e.access)) {
                if (isIdentity(a)) continue;
                mapAttribute(e, a, a.name(), overrides, associations, singleTableChild);
            }
        }
    }

    private static boolean isIdentity(Attribute a) {
        return a.has(Id.class) || a.has(EmbeddedId.class) || a.has(MapsId.class);
    }

    private void mapAttribute(Entity e, Attribute a, String path, Map<String, jakarta.persistence.Column> overrides,
                              Map<String, JoinColumn[]> associations, boolean forceNullable) {
        if (a.byName(OptionalAnnotations.FORMULA) != null) return; // computed, no column
        TableDraft t = e.table;
        if (a.has(ManyToOne.class) || a.has(OneToOne.class)) {
            t.addAll(toOne(e, t, a, associations.get(path), forceNullable, false));
        } else if (a.has(OneToMany.class)) {
            oneToMany(e, a);
        } else if (a.has(ManyToMany.class)) {
            manyToMany(e, a);
        } else if (a.has(ElementCollection.class)) {
            elementCollection(e, a);
        } else if (a.has(Embedded.class) || a.type().isAnnotationPresent(Embeddable.class)) {
            t.addAll(embedded(e, t, a, path, overrides, associations, forceNullable, false));
        } else {
            t.addAll(basic(e, a, overrides.getOrDefault(path, a.get(jakarta.persistence.Column.class)), a.name(), a.type(),
                    forceNullable, false));
        }
    }

    /** The primary key columns of an entity (with the foreign keys of a derived identity); computed once. */
    private Part identity(Entity e) {
        if (e.identity != null) return e.identity;
        if (e.resolving) throw refuse(e.type.getName(), "its identity depends on itself through @Id relationships");
        e.resolving = true;
        Part id = new Part();
        if (e.parent != null) {
            List<Column> parent = identity(e.parent).columns();
            if (e.strategy == InheritanceType.SINGLE_TABLE) {
                id = identity(e.parent);
            } else {
                PrimaryKeyJoinColumn[] pkjc = pkJoinColumns(e.type);
                requireParentKeyColumns(e, pkjc, parent);
                for (int i = 0; i < parent.size(); i++) {
                    Column p = parent.get(i);
                    PrimaryKeyJoinColumn j = matching(pkjc, p.name(), i);
                    String name = j == null || j.name().isBlank() ? p.name() : naming.physical(j.name());
                    id.pieces.add(new Piece(new Column(name, p.type(), false, null, false, null), e.type.getName(), e.type, false));
                }
            }
        } else {
            Attribute mapsId = null;
            List<Attribute> basicIds = new ArrayList<>();
            for (Class<?> c : e.classes) {
                for (Attribute a : Attribute.declared(c, e.type, e.access)) {
                    if (a.has(MapsId.class)) {
                        if (!a.get(MapsId.class).value().isBlank()) {
                            throw refuse(a.where(), "@MapsId(\"" + a.get(MapsId.class).value() + "\") (into an attribute of an "
                                    + "embedded id) is not supported; @MapsId without a value is");
                        }
                        mapsId = a;
                    } else if (a.has(EmbeddedId.class)) {
                        id.add(embedded(e, e.table, a, a.name(), new HashMap<>(), new HashMap<>(), false, true));
                    } else if (a.has(Id.class) && (a.has(ManyToOne.class) || a.has(OneToOne.class))) {
                        id.add(toOne(e, e.table, a, null, false, true));
                    } else if (a.has(Id.class)) {
                        basicIds.add(a);
                    }
                }
            }
            if (mapsId != null) {
                id.add(toOne(e, e.table, mapsId, null, false, true));
            } else {
                Map<String, jakarta.persistence.Column> overrides = new HashMap<>();
                for (int i = e.classes.size() - 1; i >= 0; i--) collectOverrides(e.classes.get(i), "", overrides, new HashMap<>());
                for (Attribute a : basicIds) {
                    id.add(basic(e, a, overrides.getOrDefault(a.name(), a.get(jakarta.persistence.Column.class)), a.name(),
                            a.type(), false, true));
                }
            }
            if (id.pieces.isEmpty()) {
                throw refuse(e.type.getName(), "the entity has no @Id or @EmbeddedId attribute (nor does a @MappedSuperclass above it)");
            }
        }
        if (e.parent == null && id.pieces.size() > 1) id.pieces.sort((x, y) -> KeyOrder.HIBERNATE.compare(x.column(), y.column()));
        e.identity = id;
        e.resolving = false;
        return id;
    }

    /**
     * A {@code referencedColumnName} naming no key column of the parent was ignored with the whole annotation (the
     * key column kept the parent's name, not the one written); Hibernate refuses it ("Unable to find column with
     * logical name").
     */
    private void requireParentKeyColumns(Entity e, PrimaryKeyJoinColumn[] pkjc, List<Column> parent) {
        for (PrimaryKeyJoinColumn j : pkjc) {
            if (j.referencedColumnName().isBlank()) continue;
            String wanted = naming.physical(j.referencedColumnName());
            if (parent.stream().noneMatch(p -> p.name().equalsIgnoreCase(wanted))) {
                throw refuse(e.type.getName(), "@PrimaryKeyJoinColumn(referencedColumnName = \"" + j.referencedColumnName()
                        + "\") names no key column of " + e.parent.type.getName() + " ("
                        + String.join(", ", parent.stream().map(Column::name).toList()) + ")");
            }
        }
    }

    private static PrimaryKeyJoinColumn[] pkJoinColumns(java.lang.reflect.AnnotatedElement el) {
        return el.getAnnotationsByType(PrimaryKeyJoinColumn.class);
    }

    private PrimaryKeyJoinColumn matching(PrimaryKeyJoinColumn[] cols, String referenced, int position) {
        for (PrimaryKeyJoinColumn j : cols) {
            if (!j.referencedColumnName().isBlank() && naming.physical(j.referencedColumnName()).equalsIgnoreCase(referenced)) return j;
        }
        return position < cols.length && cols[position].referencedColumnName().isBlank() ? cols[position] : null;
    }

    private void tableAnnotations(Entity e, TableDraft t) {
        jakarta.persistence.Table ann = e.type.getAnnotation(jakarta.persistence.Table.class);
        if (ann != null) {
            constraints(t, ann.uniqueConstraints(), ann.indexes(), ann.check(), e.type.getName());
            if (!ann.comment().isBlank()) t.comment(ann.comment());
        }
        TypeMapping.Annotation comment = TypeMapping.Annotation.of(byName(e.type, OptionalAnnotations.COMMENT));
        if (comment != null && comment.stringValue("value") != null) t.comment(comment.stringValue("value"));
    }

    private void constraints(TableDraft t, jakarta.persistence.UniqueConstraint[] uniques, jakarta.persistence.Index[] indexes,
                             jakarta.persistence.CheckConstraint[] checks, String where) {
        for (jakarta.persistence.UniqueConstraint u : uniques) {
            List<String> cols = new ArrayList<>();
            for (String c : u.columnNames()) cols.add(naming.physical(c.strip()));
            UniqueConstraint uc = new UniqueConstraint(u.name().isBlank() ? null : naming.constraint(u.name()), cols);
            afterwards.add(() -> {
                requireColumns(t, cols, where, "@UniqueConstraint");
                t.unique(new UniqueConstraint(uc.name(), cols.stream().map(t::spelling).toList()));
            });
        }
        for (jakarta.persistence.Index ix : indexes) {
            List<String> names = new ArrayList<>();
            List<Boolean> descending = new ArrayList<>();
            for (String part : ix.columnList().split(",")) {
                String[] words = part.strip().split("\\s+");
                if (words[0].isEmpty()) continue;
                names.add(naming.physical(words[0]));
                descending.add(words.length > 1 && words[1].equalsIgnoreCase("DESC"));
            }
            if (names.isEmpty()) throw refuse(where, "an @Index with an empty columnList");
            String name = ix.name().isBlank() ? generatedName("ix_" + t.name + "_" + String.join("_", names)) : naming.constraint(ix.name());
            afterwards.add(() -> {
                requireColumns(t, names, where, "@Index " + name);
                List<IndexElement> elements = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    String col = t.spelling(names.get(i));
                    // every engine reads a descending column back as "col DESC" (compared without identifier quotes)
                    elements.add(descending.get(i) ? IndexElement.expression(quoted(col) + " DESC")
                            : IndexElement.column(col));
                }
                t.index(new Index(name, elements, ix.unique(), null));
            });
        }
        for (jakarta.persistence.CheckConstraint c : checks) {
            t.check(new CheckConstraint(c.name().isBlank() ? null : naming.constraint(c.name()), c.constraint()));
        }
    }

    /** A column name inside an index expression: as is when it needs no quotes, else double-quoted. */
    private static String quoted(String column) {
        return column.matches("[a-z_][a-z0-9_$]*") ? column : "\"" + column.replace("\"", "\"\"") + "\"";
    }

    private static void requireColumns(TableDraft t, List<String> cols, String where, String what) {
        for (String c : cols) {
            if (!t.has(c)) {
                throw refuse(where, what + " names column '" + c + "', which table '" + t.name + "' does not have (it has "
                        + String.join(", ", t.columnNames()) + ")");
            }
        }
    }

    /** A name Retort makes up, kept within PostgreSQL's 63 characters (a hash of the full name ends a shortened one). */
    private String generatedName(String name) {
        String n = naming.constraint(name);
        if (n.length() <= MAX_NAME) return n;
        String hash = Integer.toHexString(n.hashCode());
        return n.substring(0, MAX_NAME - hash.length() - 1) + "_" + hash;
    }

    private Part discriminator(Class<?> root) {
        DiscriminatorColumn dc = root.getAnnotation(DiscriminatorColumn.class);
        String name = naming.physical(dc == null || dc.name().isBlank() ? "DTYPE" : dc.name());
        SqlType type = switch (dc == null ? jakarta.persistence.DiscriminatorType.STRING : dc.discriminatorType()) {
            case STRING -> SqlType.string(dc == null ? 31 : dc.length());
            case CHAR -> SqlType.chars(1);
            case INTEGER -> SqlType.of(SqlType.Kind.INTEGER);
        };
        String origin = root.getName() + " (discriminator)";
        Part part = new Part();
        Column col = defined(new Column(name, type, false, null, false, null), dc == null ? null : dc.columnDefinition(), part, origin);
        part.pieces.add(new Piece(col, origin, root, false));
        return part;
    }

    /**
     * A {@code columnDefinition} on a join, discriminator or order column, carried as on {@code @Column} (Hibernate
     * writes it verbatim there too): the type as written, a trailing {@code DEFAULT} (the server default) and
     * {@code NOT NULL}, {@code COLLATE} (the collation) and {@code ON UPDATE}; its {@code UNIQUE} and {@code CHECK}
     * clauses go into {@code constraints}. Only the type was taken: the rest was left in no place, so a database
     * Hibernate made (its checks, defaults) drifted, and a revision made the column without them.
     *
     * @return {@code col} with the definition's properties; as it is when there is no definition
     */
    private Column defined(Column col, String definition, Part constraints, String origin) {
        if (definition == null || definition.isBlank()) return col;
        ColumnDefinition def = ColumnDefinition.parse(definition);
        boolean nullable = col.nullable() && !Boolean.TRUE.equals(def.notNull());
        Column out = new Column(col.name(), def.type(), nullable, def.serverDefault(), col.autoincrement(), col.comment(), null,
                def.collation()).withOnUpdate(def.onUpdate());
        if (def.unique()) constraints.uniques.add(new UniqueConstraint(null, List.of(col.name())));
        for (ColumnDefinition.Check c : def.checks()) {
            constraints.checks.add(new CheckConstraint(c.name() == null ? null : naming.constraint(c.name()), c.expression()));
        }
        warnOmitted(origin, def);
        return out;
    }

    // ------------------------------------------------------------------ basic and embedded

    private Part basic(Entity e, Attribute a, jakarta.persistence.Column col, String defaultName, Class<?> type,
                       boolean forceNullable, boolean id) {
        return basic(e, a, col, defaultName, type, forceNullable, id, null);
    }

    /**
     * @param embeddedPath the attribute's path from the entity ({@code home.street}) when it belongs to an
     *                     embeddable, else null: a primitive there implies no NOT NULL, since a null embedded
     *                     object writes NULL into all its columns (as Hibernate maps it), and messages name
     *                     the path, which tells two embeddings of one type apart
     */
    private Part basic(Entity e, Attribute a, jakarta.persistence.Column col, String defaultName, Class<?> type,
                       boolean forceNullable, boolean id, String embeddedPath) {
        boolean inEmbeddable = embeddedPath != null;
        String origin = inEmbeddable ? e.type.getName() + "." + embeddedPath : a.where();
        if ((Collection.class.isAssignableFrom(type) || java.util.Map.class.isAssignableFrom(type)) && !types.isSingleColumn(a, col, type)) {
            throw refuse(a.where(), "a collection needs @OneToMany, @ManyToMany or @ElementCollection, or, stored in one column, "
                    + "@Convert or @Column(columnDefinition = \"...\")");
        }
        if (type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
            throw refuse(a.where(), "an entity-typed attribute needs @ManyToOne or @OneToOne");
        }
        if (col != null && !col.table().isBlank()) {
            throw refuse(a.where(), "@Column(table = \"" + col.table() + "\") (a secondary table) is not supported");
        }
        String name = naming.physical(col != null && !col.name().isBlank() ? col.name() : defaultName);
        SqlType sqlType = types.of(a, col, type);
        ColumnDefinition def = col != null && !col.columnDefinition().isBlank() ? ColumnDefinition.parse(col.columnDefinition()) : null;
        Basic basic = a.get(Basic.class);
        boolean nullable = !(type.isPrimitive() && !inEmbeddable) && (col == null || col.nullable()) && (basic == null || basic.optional())
                && !a.has(Version.class) && a.byName(OptionalAnnotations.NOT_NULL) == null
                && !(def != null && Boolean.TRUE.equals(def.notNull()));
        if (forceNullable) nullable = true;
        if (id) nullable = false;
        String serverDefault = def == null ? null : def.serverDefault();
        TypeMapping.Annotation columnDefault = TypeMapping.Annotation.of(a.byName(OptionalAnnotations.COLUMN_DEFAULT));
        if (columnDefault != null) serverDefault = columnDefault.stringValue("value");
        String comment = col != null && !col.comment().isBlank() ? col.comment() : null;
        TypeMapping.Annotation hComment = TypeMapping.Annotation.of(a.byName(OptionalAnnotations.COMMENT));
        if (hComment != null) comment = hComment.stringValue("value");
        boolean autoincrement = id && generated(e, a, type);
        Part part = new Part();
        boolean readOnly = col != null && !col.insertable() && !col.updatable();
        String collation = def == null ? null : def.collation();
        part.pieces.add(new Piece(new Column(name, sqlType, nullable, serverDefault, autoincrement, comment, null, collation)
                .withOnUpdate(def == null ? null : def.onUpdate()), origin, e.type, readOnly));
        if ((col != null && col.unique() || def != null && def.unique()) && !id) part.uniques.add(new UniqueConstraint(null, List.of(name)));
        if (col != null) {
            for (jakarta.persistence.CheckConstraint c : col.check()) {
                part.checks.add(new CheckConstraint(c.name().isBlank() ? null : naming.constraint(c.name()), c.constraint()));
            }
        }
        if (def != null) {
            // a column-level CHECK of the definition is the check constraint the database reads back
            for (ColumnDefinition.Check c : def.checks()) {
                part.checks.add(new CheckConstraint(c.name() == null ? null : naming.constraint(c.name()), c.expression()));
            }
            warnOmitted(origin, def);
        }
        return part;
    }

    /**
     * The clauses of a columnDefinition the model has no place for: left out of the model, so that the comparison
     * does not report them forever, and said once per column, since a revision creating the column lacks them.
     */
    private static void warnOmitted(String origin, ColumnDefinition def) {
        for (String clause : def.omitted()) {
            String hint = "write COLLATE with a collation of that character set instead, which autogenerate creates and compares";
            LOG.warn("JPA mapping of {}: columnDefinition clause '{}' is left out of the model (autogenerate neither creates "
                    + "nor compares it); {}", origin, clause, hint);
        }
    }

    /**
     * {@code @GeneratedValue}: IDENTITY on an integral key is autoincrement; SEQUENCE adds its sequence; AUTO
     * on an integral key is what Hibernate 6 makes of it, a sequence ({@code <table>_SEQ}, by 50) where the
     * database has sequences, and autoincrement (with a warning) where it has none.
     */
    private boolean generated(Entity e, Attribute a, Class<?> type) {
        GeneratedValue g = a.get(GeneratedValue.class);
        if (g == null) return false;
        boolean integral = type == long.class || type == Long.class || type == int.class || type == Integer.class
                || type == short.class || type == Short.class;
        if (g.strategy() == GenerationType.IDENTITY) {
            if (!integral) throw refuse(a.where(), "@GeneratedValue(strategy = IDENTITY) needs an integral type, not " + type.getTypeName());
            return true;
        }
        if (g.strategy() == GenerationType.AUTO) {
            if (!integral) return false;
            // a named generator that is no @SequenceGenerator (a @TableGenerator, Hibernate's @GenericGenerator): not modelled
            if (!g.generator().isBlank() && findGenerator(e, a, g.generator()) == null) return false;
            if (sequencesSupported) {
                sequence(e, a, g.generator());
                return false;
            }
            LOG.warn("JPA mapping of {}: @GeneratedValue(AUTO) becomes an autoincrement key, since this database has no "
                    + "sequences; Hibernate 6 would use a sequence table {} instead (write strategy = IDENTITY to say so)",
                    a.where(), naming.physical(implicitSequence(e)));
            return true;
        }
        if (g.strategy() == GenerationType.SEQUENCE) sequence(e, a, g.generator());
        return false;
    }

    private void sequence(Entity e, Attribute a, String generator) {
        SequenceGenerator sg = findGenerator(e, a, generator);
        String logical = sg != null && !sg.sequenceName().isBlank() ? sg.sequenceName()
                : sg != null && !sg.name().isBlank() ? sg.name() : !generator.isBlank() ? generator : implicitSequence(e);
        if (sg != null) {
            schema(sg.schema(), a.where());
            schema(sg.catalog(), a.where());
        }
        String name = naming.physical(logical);
        if (!sequencesSupported) return;
        long start = sg == null ? 1 : sg.initialValue();
        long increment = sg == null ? 50 : sg.allocationSize();
        // a start below the default MINVALUE (1 ascending) is refused by PostgreSQL and MariaDB, and H2 lowers its
        // MINVALUE to it: Hibernate's DDL says "minvalue <initialValue>" then (SequenceSupport.startingValue)
        SequenceOptions options = increment > 0 && start <= 0 ? SequenceOptions.DEFAULT.withMinValue(start) : SequenceOptions.DEFAULT;
        Sequence seq = new Sequence(null, name, start, increment, options);
        String origin = (sg == null || sg.name().isBlank() ? "the implicit generator" : "@SequenceGenerator(name = \"" + sg.name() + "\")")
                + " of " + a.where();
        String key = name.toLowerCase(Locale.ROOT);
        Sequence before = sequences.get(key);
        if (before == null) {
            sequences.put(key, seq);
            sequenceOrigins.put(key, origin);
        } else if (!java.util.Objects.equals(before.start(), seq.start()) || !java.util.Objects.equals(before.increment(), seq.increment())) {
            // one sequence cannot step by two sizes: keeping either would break the other generator's ids (Hibernate
            // refuses the mapping too: "conflicting values for 'increment size'")
            throw new RetortException("JPA mapping: sequence '" + name + "' is given conflicting values by "
                    + sequenceOrigins.get(key) + " (start " + before.start() + ", allocationSize " + before.increment() + ") and by "
                    + origin + " (start " + seq.start() + ", allocationSize " + seq.increment() + "); give both the same "
                    + "initialValue and allocationSize, or each its own sequenceName");
        }
    }

    /**
     * Hibernate 6's implicit sequence ({@code StandardNamingStrategy}): the root entity's table name, as
     * written in {@code @Table(name)} or else the entity name, followed by {@code _SEQ}; physical naming
     * and case folding then apply to it as to any name.
     */
    private static String implicitSequence(Entity e) {
        jakarta.persistence.Table t = e.root.type.getAnnotation(jakarta.persistence.Table.class);
        String table = t != null && !t.name().isBlank() ? t.name() : e.root.name;
        return Naming.isQuoted(table) ? table.charAt(0) + table.substring(1, table.length() - 1) + "_SEQ" + table.charAt(0)
                : table + "_SEQ";
    }

    private SequenceGenerator findGenerator(Entity e, Attribute a, String generator) {
        List<java.lang.reflect.AnnotatedElement> places = new ArrayList<>();
        places.add(a.element());
        places.addAll(e.root.classes);
        places.addAll(e.classes);
        places.addAll(scanned);
        for (java.lang.reflect.AnnotatedElement place : places) {
            for (SequenceGenerator sg : place.getAnnotationsByType(SequenceGenerator.class)) {
                if (sg.name().equals(generator) || (sg.name().isBlank() && place == a.element())) return sg;
            }
        }
        return null;
    }

    /**
     * An embedded attribute's columns: the embeddable's attributes, with {@code @AttributeOverride}s by path.
     *
     * @param into the table the columns go to: the entity's, or an element collection's
     */
    private Part embedded(Entity e, TableDraft into, Attribute a, String path, Map<String, jakarta.persistence.Column> outer,
                          Map<String, JoinColumn[]> outerAssociations, boolean forceNullable, boolean id) {
        Class<?> type = a.type();
        Map<String, jakarta.persistence.Column> overrides = new HashMap<>(outer);
        Map<String, JoinColumn[]> associations = new HashMap<>(outerAssociations);
        collectOverrides(a.element(), path + ".", overrides, associations);
        requireOverridden(a.element(), type, a.where());
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c == type || c.isAnnotationPresent(MappedSuperclass.class) || c.isAnnotationPresent(Embeddable.class)) classes.add(0, c);
        }
        Part part = new Part();
        for (Class<?> c : classes) {
            for (Attribute sub : Attribute.declared(c, type, e.access)) {
                String subPath = path + "." + sub.name();
                if (sub.byName(OptionalAnnotations.FORMULA) != null) continue;
                if (sub.has(ManyToOne.class) || sub.has(OneToOne.class)) {
                    part.add(toOne(e, into, sub, associations.get(subPath), forceNullable, id));
                } else if (sub.has(OneToMany.class) || sub.has(ManyToMany.class) || sub.has(ElementCollection.class)) {
                    throw refuse(sub.where(), "collections inside an embeddable are not supported");
                } else if (sub.has(Embedded.class) || sub.type().isAnnotationPresent(Embeddable.class)) {
                    part.add(embedded(e, into, sub, subPath, overrides, associations, forceNullable, id));
                } else {
                    part.add(basic(e, sub, overrides.getOrDefault(subPath, sub.get(jakarta.persistence.Column.class)), sub.name(),
                            sub.type(), forceNullable, id, subPath));
                }
            }
        }
        if (part.pieces.isEmpty()) throw refuse(a.where(), "the embeddable " + type.getName() + " has no persistent attributes");
        return part;
    }

    /** {@code @AttributeOverride(s)} and {@code @AssociationOverride(s)} on an element, keyed by {@code prefix + name}; outer ones win. */
    private static void collectOverrides(java.lang.reflect.AnnotatedElement el, String prefix,
                                         Map<String, jakarta.persistence.Column> overrides, Map<String, JoinColumn[]> associations) {
        for (AttributeOverride o : el.getAnnotationsByType(AttributeOverride.class)) overrides.putIfAbsent(prefix + o.name(), o.column());
        for (AssociationOverride o : el.getAnnotationsByType(AssociationOverride.class)) {
            if (o.joinColumns().length > 0) associations.putIfAbsent(prefix + o.name(), o.joinColumns());
        }
    }

    /**
     * Each override on {@code el} must name an attribute (or a path into an embeddable) of {@code type}: a misspelt
     * one was ignored, and the column kept the name the override was to replace. Hibernate refuses some of these
     * and ignores others; either way the application's schema is not the one the user wrote.
     */
    private static void requireOverridden(java.lang.reflect.AnnotatedElement el, Class<?> type, String where) {
        List<String> named = new ArrayList<>();
        for (AttributeOverride o : el.getAnnotationsByType(AttributeOverride.class)) named.add("@AttributeOverride(name = \"" + o.name());
        for (AssociationOverride o : el.getAnnotationsByType(AssociationOverride.class)) {
            named.add("@AssociationOverride(name = \"" + o.name());
        }
        for (String n : named) {
            String name = n.substring(n.indexOf('"') + 1);
            if (Attribute.pathType(type, name) == null) {
                throw refuse(where, n + "\") names no attribute of " + type.getName());
            }
        }
    }

    private static java.lang.annotation.Annotation byName(Class<?> c, String name) {
        for (java.lang.annotation.Annotation a : c.getAnnotations()) if (a.annotationType().getName().equals(name)) return a;
        return null;
    }

    // ------------------------------------------------------------------ relationships

    private Entity target(Attribute a, Class<?> declared) {
        Entity t = entities.get(declared);
        if (t == null) {
            if (declared == null || declared == Object.class || declared == void.class) {
                throw refuse(a.where(), "cannot tell the target entity (declare the element type, e.g. Set<Tag>, or targetEntity)");
            }
            if (!declared.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                throw refuse(a.where(), "the target " + declared.getName() + " is not an @Entity");
            }
            throw refuse(a.where(), "the target entity " + declared.getName()
                    + " is not in the scanned packages (list its package too: jpa:pkg1,pkg2)");
        }
        return t;
    }

    /**
     * The inverse side's {@code mappedBy} must name an attribute of the target: a typo was accepted (and, on a
     * {@code @ManyToMany}, silently renamed the owner's join column); Hibernate refuses it at boot ("mappedBy
     * reference an unknown target entity property"). A target outside the model is refused where it is mapped.
     */
    private void requireMappedBy(Attribute a, Class<?> declared, String mappedBy) {
        Entity target = entities.get(declared);
        if (target != null && Attribute.pathType(target.type, mappedBy) == null) {
            throw refuse(a.where(), "mappedBy = \"" + mappedBy + "\" names no attribute of " + target.type.getName());
        }
    }

    private static JoinColumn[] joinColumns(Attribute a) {
        JoinColumns many = a.get(JoinColumns.class);
        if (many != null) return many.value();
        JoinColumn one = a.get(JoinColumn.class);
        return one == null ? new JoinColumn[0] : new JoinColumn[]{one};
    }

    /**
     * The owning side of a to-one relationship: join columns typed like the target's key, and the foreign key.
     *
     * @param into the table the join columns go to (an element collection's for one inside its embeddable), which
     *             names the foreign key and holds the column typed later
     */
    private Part toOne(Entity e, TableDraft into, Attribute a, JoinColumn[] override, boolean forceNullable, boolean id) {
        ManyToOne m2o = a.get(ManyToOne.class);
        OneToOne o2o = a.get(OneToOne.class);
        Part part = new Part();
        if (o2o != null && !o2o.mappedBy().isBlank()) {
            requireMappedBy(a, o2o.targetEntity() == void.class ? a.type() : o2o.targetEntity(), o2o.mappedBy());
            return part;
        }
        Class<?> declared = m2o != null ? (m2o.targetEntity() == void.class ? a.type() : m2o.targetEntity())
                : (o2o.targetEntity() == void.class ? a.type() : o2o.targetEntity());
        Entity target = target(a, declared);
        boolean optional = m2o != null ? m2o.optional() : o2o.optional();
        if (o2o != null && (a.has(PrimaryKeyJoinColumn.class) || a.has(jakarta.persistence.PrimaryKeyJoinColumns.class))) {
            // shares the primary key: no column, a foreign key from this key to the target's
            afterwards.add(() -> e.table.foreignKey(foreignKey(null, e.table, identity(e).names(), target.table,
                    identity(target).names())));
            return part;
        }
        JoinColumn[] jcs = override != null ? override : joinColumns(a);
        List<Column> targetKey = identity(target).columns();
        List<String> cols = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        int count = jcs.length == 0 ? targetKey.size() : jcs.length;
        for (int i = 0; i < count; i++) {
            JoinColumn jc = jcs.length == 0 ? null : jcs[i];
            if (jc != null && !jc.table().isBlank()) throw refuse(a.where(), "@JoinColumn(table = ...) (a secondary table) is not supported");
            Column ref = referenced(a, jc, target, targetKey, i, jcs.length);
            String refName = ref != null ? ref.name() : naming.physical(jc.referencedColumnName());
            String name = jc != null && !jc.name().isBlank() ? naming.physical(jc.name()) : naming.physical(a.name() + "_" + refName);
            boolean nullable = !id && optional && (jc == null || jc.nullable())
                    && a.byName(OptionalAnnotations.NOT_NULL) == null;
            if (forceNullable && !id) nullable = true;
            SqlType type = ref != null ? ref.type() : SqlType.of(SqlType.Kind.INTEGER); // fixed below once the target is mapped
            String comment = jc != null && !jc.comment().isBlank() ? jc.comment() : null;
            boolean hasDefinition = jc != null && !jc.columnDefinition().isBlank();
            Column col = defined(new Column(name, type, nullable, null, false, comment), hasDefinition ? jc.columnDefinition() : null,
                    part, a.where());
            boolean ro = jc != null && !jc.insertable() && !jc.updatable();
            part.pieces.add(new Piece(col, a.where(), e.type, ro));
            if (ref == null) {
                // typed like the referenced column once its table is mapped; a columnDefinition's type stands as written
                String colName = name;
                afterwards.add(0, () -> {
                    SqlType referenced = referencedType(a, target.table, refName);
                    if (!hasDefinition) into.retype(colName, referenced);
                });
            }
            cols.add(name);
            refs.add(refName);
            if (jc != null && jc.unique()) part.uniques.add(new UniqueConstraint(null, List.of(name)));
        }
        jakarta.persistence.ForeignKey fk = jcs.length > 0 ? jcs[0].foreignKey() : null;
        if (fk == null || fk.value() != ConstraintMode.NO_CONSTRAINT) {
            ForeignKey key = inKeyOrder(foreignKey(fk, into, cols, target.table, refs), targetKey);
            TypeMapping.Annotation onDelete = TypeMapping.Annotation.of(a.byName(OptionalAnnotations.ON_DELETE));
            if (onDelete != null && onDelete.get("action") != null) {
                String action = onDelete.get("action").toString().replace('_', ' ');
                if (!action.equals("NO ACTION")) {
                    key = new ForeignKey(key.name(), key.columns(), null, key.refTable(), key.refColumns(), action, null);
                }
            }
            // also for a read-only view of columns another attribute maps (insertable = false, updatable = false):
            // those affect DML only, and Hibernate's schema export creates the key all the same
            part.foreignKeys.add(key);
        }
        if (o2o != null && !id) part.uniques.add(new UniqueConstraint(null, cols));
        return part;
    }

    /** The target column a join column refers to: by referencedColumnName, else by position in the target's key. */
    private Column referenced(Attribute a, JoinColumn jc, Entity target, List<Column> targetKey, int i, int declared) {
        if (jc == null || jc.referencedColumnName().isBlank()) {
            // join columns by position must cover the whole key: one for a two-column key made a foreign key to half
            // of it, which PostgreSQL and H2 refuse and MariaDB takes (Hibernate refuses the mapping at boot)
            if (declared > 0 && declared != targetKey.size() || i >= targetKey.size()) {
                throw refuse(a.where(), declared + " @JoinColumn(s) for the " + targetKey.size() + "-column key of "
                        + target.type.getName() + " (" + String.join(", ", targetKey.stream().map(Column::name).toList())
                        + "); give one per key column, each with referencedColumnName");
            }
            return targetKey.get(i);
        }
        String wanted = naming.physical(jc.referencedColumnName());
        for (Column c : targetKey) if (c.name().equalsIgnoreCase(wanted)) return c;
        return null; // a non-key column: typed once its table is mapped
    }

    /**
     * A foreign key to the whole of a composite key, its column pairs put in the key's order whatever order the
     * {@code @JoinColumns} list them in, as Hibernate pairs them: InnoDB wants the referenced columns to be a
     * leading prefix of an index in its order, so {@code (zone, number)} to a key {@code (number, zone)} is refused
     * ("Foreign key constraint is incorrectly formed"). A key to other columns (a unique key) keeps its order.
     * The name is left as it is: generated from the columns as declared, it stays what it was.
     */
    private static ForeignKey inKeyOrder(ForeignKey fk, List<Column> key) {
        List<String> keyNames = key.stream().map(Column::name).toList();
        List<Integer> at = new ArrayList<>();
        for (String ref : fk.refColumns()) {
            int i = -1;
            for (int k = 0; k < keyNames.size(); k++) if (keyNames.get(k).equalsIgnoreCase(ref)) i = k;
            if (i < 0 || at.contains(i)) return fk;
            at.add(i);
        }
        if (at.size() != keyNames.size() || at.size() < 2) return fk;
        String[] cols = new String[at.size()];
        String[] refs = new String[at.size()];
        for (int j = 0; j < at.size(); j++) {
            cols[at.get(j)] = fk.columns().get(j);
            refs[at.get(j)] = fk.refColumns().get(j);
        }
        return new ForeignKey(fk.name(), List.of(cols), fk.refSchema(), fk.refTable(), List.of(refs), fk.onDelete(), fk.onUpdate());
    }

    /** The type of the non-key column a join column refers to, once the target table is complete. */
    private static SqlType referencedType(Attribute a, TableDraft target, String refName) {
        SqlType type = target.typeOf(refName);
        if (type == null) {
            throw refuse(a.where(), "referencedColumnName '" + refName + "' is not a column of table '" + target.name + "'");
        }
        return type;
    }

    /**
     * A foreign key of {@code table}; without a {@code @ForeignKey(name)} it is named {@code fk_<table>_<columns>}:
     * MariaDB names the index it adds for a foreign key after the constraint, and an index named after the
     * constraint is how the comparison knows it is not one of yours.
     */
    private ForeignKey foreignKey(jakarta.persistence.ForeignKey fk, TableDraft table, List<String> cols, TableDraft target,
                                  List<String> refs) {
        String name = fk == null || fk.name().isBlank() ? generatedName("fk_" + table.name + "_" + String.join("_", cols))
                : naming.constraint(fk.name());
        return new ForeignKey(name, cols, null, target.name, refs, null, null);
    }

    private void oneToMany(Entity e, Attribute a) {
        OneToMany o = a.get(OneToMany.class);
        if (!o.mappedBy().isBlank()) {
            requireMappedBy(a, o.targetEntity() == void.class ? a.elementType() : o.targetEntity(), o.mappedBy());
            // the inverse side adds no join column, but its @OrderColumn lives in the target's (the many side's)
            // table, JPA's rule for a one-to-many without a join table, and Hibernate's DDL
            OrderColumn oc = a.get(OrderColumn.class);
            if (oc != null) {
                rejectMaps(a);
                Entity target = target(a, o.targetEntity() == void.class ? a.elementType() : o.targetEntity());
                target.table.addAll(orderColumn(e, a, oc, false));
            }
            return;
        }
        rejectMaps(a);
        Entity target = target(a, o.targetEntity() == void.class ? a.elementType() : o.targetEntity());
        JoinColumn[] jcs = joinColumns(a);
        if (jcs.length == 0) {
            joinTable(e, a, target, true);
            return;
        }
        // unidirectional with a join column: the foreign key lives in the target's table
        List<Column> ownerKey = identity(e).columns();
        List<String> cols = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < jcs.length; i++) {
            JoinColumn jc = jcs[i];
            Column ref = referenced(a, jc, e, ownerKey, i, jcs.length);
            if (ref == null) throw refuse(a.where(), "referencedColumnName must name a key column of " + e.type.getName());
            String name = !jc.name().isBlank() ? naming.physical(jc.name()) : naming.physical(a.name() + "_" + ref.name());
            boolean nullable = jc.nullable();
            boolean ro = !jc.insertable() && !jc.updatable();
            Part part = new Part();
            part.pieces.add(new Piece(defined(new Column(name, ref.type(), nullable, null, false, null), jc.columnDefinition(), part,
                    a.where()), a.where(), e.type, ro));
            target.table.addAll(part);
            cols.add(name);
            refs.add(ref.name());
        }
        if (jcs[0].foreignKey().value() != ConstraintMode.NO_CONSTRAINT) {
            target.table.foreignKey(inKeyOrder(foreignKey(jcs[0].foreignKey(), target.table, cols, e.table, refs), ownerKey));
        }
        OrderColumn oc = a.get(OrderColumn.class);
        if (oc != null) target.table.addAll(orderColumn(e, a, oc, false));
    }

    private void manyToMany(Entity e, Attribute a) {
        ManyToMany m = a.get(ManyToMany.class);
        if (!m.mappedBy().isBlank()) {
            requireMappedBy(a, m.targetEntity() == void.class ? a.elementType() : m.targetEntity(), m.mappedBy());
            // the join table is the owning side's, and so is its order: Hibernate 6 refuses the mapping ("is the
            // unowned side of a bidirectional '@ManyToMany' and may not have an '@OrderColumn'"), where ignoring the
            // annotation made a model whose application does not start
            if (a.has(OrderColumn.class)) {
                throw refuse(a.where(), "@OrderColumn on the inverse (mappedBy = \"" + m.mappedBy() + "\") side of a @ManyToMany, "
                        + "which Hibernate refuses; put it on the owning side (the attribute " + m.mappedBy() + "), whose join table "
                        + "keeps the order");
            }
            return;
        }
        rejectMaps(a);
        joinTable(e, a, target(a, m.targetEntity() == void.class ? a.elementType() : m.targetEntity()), false);
    }

    /** A join table: the owner's key, the target's key, both as foreign keys, together the primary key. */
    private void joinTable(Entity e, Attribute a, Entity target, boolean oneToMany) {
        JoinTable jt = a.get(JoinTable.class);
        if (jt != null) {
            schema(jt.schema(), a.where());
            schema(jt.catalog(), a.where());
        }
        String name = jt != null && !jt.name().isBlank() ? naming.physical(jt.name())
                : naming.joinTable(e.table.name, target.table.name, a.name());
        TableDraft t = newTable(name, a.where());
        String ownerSide = inverseAttribute(target, e, a);
        List<String> own = joinTableSide(t, a, jt == null ? new JoinColumn[0] : jt.joinColumns(), identity(e).columns(),
                ownerSide != null ? ownerSide : e.name);
        List<String> other = joinTableSide(t, a, jt == null ? new JoinColumn[0] : jt.inverseJoinColumns(), identity(target).columns(),
                a.name());
        if (jt == null || jt.foreignKey().value() != ConstraintMode.NO_CONSTRAINT) {
            t.foreignKey(foreignKey(jt == null ? null : firstKey(jt.joinColumns(), jt.foreignKey()), t, own, e.table,
                    identity(e).names()));
        }
        if (jt == null || jt.inverseForeignKey().value() != ConstraintMode.NO_CONSTRAINT) {
            t.foreignKey(foreignKey(jt == null ? null : firstKey(jt.inverseJoinColumns(), jt.inverseForeignKey()), t, other,
                    target.table, identity(target).names()));
        }
        List<String> pk = new ArrayList<>(own);
        OrderColumn oc = a.get(OrderColumn.class);
        if (oc != null) {
            // an indexed list is keyed by owner and position, as Hibernate keys it
            Part order = orderColumn(e, a, oc, true);
            t.addAll(order);
            t.orderedAs(order.names().get(0), SqlType.of(SqlType.Kind.INTEGER));
            pk.addAll(order.names());
        } else {
            pk.addAll(other);
        }
        t.primaryKey(KeyOrder.sortedNames(pk, t::keyTypeOf));
        if (oneToMany) t.unique(new UniqueConstraint(null, other));
        if (jt != null) constraints(t, jt.uniqueConstraints(), jt.indexes(), jt.check(), a.where());
    }

    /** The table-level foreign key annotation if named, else the first join column's. */
    private static jakarta.persistence.ForeignKey firstKey(JoinColumn[] cols, jakarta.persistence.ForeignKey tableLevel) {
        if (!tableLevel.name().isBlank() || tableLevel.value() == ConstraintMode.NO_CONSTRAINT || cols.length == 0) return tableLevel;
        return cols[0].foreignKey();
    }

    /** One side of a join table: given join columns or {@code <prefix>_<key column>}, typed like the key, NOT NULL. */
    private List<String> joinTableSide(TableDraft t, Attribute a, JoinColumn[] given, List<Column> key, String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            Column k = key.get(i);
            JoinColumn jc = null;
            for (JoinColumn g : given) {
                if (!g.referencedColumnName().isBlank() && naming.physical(g.referencedColumnName()).equalsIgnoreCase(k.name())) jc = g;
            }
            if (jc == null && i < given.length && given[i].referencedColumnName().isBlank()) jc = given[i];
            String name = jc != null && !jc.name().isBlank() ? naming.physical(jc.name()) : naming.physical(prefix + "_" + k.name());
            Part part = new Part();
            Column col = defined(new Column(name, k.type(), false, null, false, null), jc == null ? null : jc.columnDefinition(), part,
                    a.where());
            part.pieces.add(new Piece(col, a.where(), a.declaring(), false));
            t.addAll(part);
            t.orderedAs(name, k.type());
            names.add(name);
        }
        return names;
    }

    /**
     * The attribute of {@code target} that is the inverse ({@code mappedBy}) side of {@code a}; null when unidirectional.
     * Its elements must be the owner (or a superclass of it): two owners of a same-named collection ({@code Post.tags},
     * {@code Photo.tags}) are told apart by the inverse side's element type, not by the name {@code mappedBy} gives.
     */
    private String inverseAttribute(Entity target, Entity owner, Attribute a) {
        for (Entity t = target; t != null; t = t.parent) {
            for (Class<?> c : t.classes) {
                for (Attribute x : Attribute.declared(c, t.type, t.access)) {
                    ManyToMany m = x.get(ManyToMany.class);
                    if (m == null || !m.mappedBy().equals(a.name())) continue;
                    Class<?> elements = m.targetEntity() != void.class ? m.targetEntity() : x.elementType();
                    if (elements != null && elements.isAssignableFrom(owner.type)) return x.name();
                }
            }
        }
        return null;
    }

    /**
     * An {@code @OrderColumn}: an integer (or its columnDefinition, carried as on {@code @Column}).
     *
     * @param key part of the collection table's key, so NOT NULL
     */
    private Part orderColumn(Entity e, Attribute a, OrderColumn oc, boolean key) {
        String name = naming.physical(oc.name().isBlank() ? a.name() + "_ORDER" : oc.name());
        Part part = new Part();
        Column col = defined(new Column(name, SqlType.of(SqlType.Kind.INTEGER), oc.nullable() && !key, null, false, null),
                oc.columnDefinition(), part, a.where());
        part.pieces.add(new Piece(col, a.where(), e.type, false));
        return part;
    }

    private static void rejectMaps(Attribute a) {
        if (java.util.Map.class.isAssignableFrom(a.type())) {
            throw refuse(a.where(), "Map-valued associations and collections are not supported");
        }
    }

    /** {@code @ElementCollection}: a collection table with the owner's key and the element's column(s). */
    private void elementCollection(Entity e, Attribute a) {
        rejectMaps(a);
        ElementCollection ec = a.get(ElementCollection.class);
        Class<?> element = ec.targetClass() != void.class ? ec.targetClass() : a.elementType();
        if (element == null) throw refuse(a.where(), "cannot tell the element type (declare it, e.g. Set<String>, or targetClass)");
        CollectionTable ct = a.get(CollectionTable.class);
        if (ct != null) {
            schema(ct.schema(), a.where());
            schema(ct.catalog(), a.where());
        }
        String name = ct != null && !ct.name().isBlank() ? naming.physical(ct.name()) : naming.physical(e.name + "_" + a.name());
        TableDraft t = newTable(name, a.where());
        List<String> own = joinTableSide(t, a, ct == null ? new JoinColumn[0] : ct.joinColumns(), identity(e).columns(), e.name);
        jakarta.persistence.ForeignKey fk = ct == null ? null : firstKey(ct.joinColumns(), ct.foreignKey());
        if (fk == null || fk.value() != ConstraintMode.NO_CONSTRAINT) t.foreignKey(foreignKey(fk, t, own, e.table, identity(e).names()));
        Part values;
        if (element.isAnnotationPresent(Embeddable.class)) {
            Attribute asEmbedded = new Attribute(a.name(), element, element, a.element(), a.declaring());
            values = embedded(e, t, asEmbedded, a.name(), new HashMap<>(), new HashMap<>(), false, false);
        } else {
            if (element.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                throw refuse(a.where(), "an @ElementCollection of entities; use @OneToMany or @ManyToMany");
            }
            values = basic(e, a, a.get(jakarta.persistence.Column.class), a.name(), element, false, false);
        }
        t.addAll(values);
        OrderColumn oc = a.get(OrderColumn.class);
        List<String> pk = new ArrayList<>(own);
        if (oc != null) {
            Part order = orderColumn(e, a, oc, true);
            t.addAll(order);
            t.orderedAs(order.names().get(0), SqlType.of(SqlType.Kind.INTEGER));
            pk.addAll(order.names());
        } else if (java.util.Set.class.isAssignableFrom(a.type()) && values.columns().stream().noneMatch(Column::nullable)) {
            // a set: no two equal elements per owner, keyed as Hibernate 6 keys it, which is only when every element
            // column is NOT NULL (@Column(nullable = false)): an element is nullable by default, and a nullable
            // column (a @Lob's too, which MariaDB and H2 cannot key at all) leaves the table without a key
            pk.addAll(values.names());
        } else {
            pk.clear(); // a bag: duplicates allowed, no key
        }
        t.primaryKey(KeyOrder.sortedNames(pk, t::keyTypeOf));
        if (ct != null) constraints(t, ct.uniqueConstraints(), ct.indexes(), new jakarta.persistence.CheckConstraint[0], a.where());
    }

    static RetortException refuse(String where, String why) {
        return new RetortException("JPA mapping of " + where + ": " + why);
    }
}
