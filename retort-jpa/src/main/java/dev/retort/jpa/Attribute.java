package dev.retort.jpa;

import jakarta.persistence.Access;
import jakarta.persistence.AccessType;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;

import java.beans.Introspector;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One persistent attribute of an entity, mapped superclass or embeddable: a field (field access, the
 * default) or a getter (property access, when {@code @Id} sits on a getter or {@code @Access(PROPERTY)}
 * says so).
 *
 * @param name      the attribute name
 * @param type      its class, type variables resolved against the concrete class being mapped
 * @param generic   its generic type, likewise resolved (for collection element types)
 * @param element   the field or getter carrying the annotations
 * @param declaring the class that declares it
 */
record Attribute(String name, Class<?> type, Type generic, AnnotatedElement element, Class<?> declaring) {

    <A extends Annotation> A get(Class<A> annotation) {
        return element.getAnnotation(annotation);
    }

    boolean has(Class<? extends Annotation> annotation) {
        return element.isAnnotationPresent(annotation);
    }

    /** An annotation known only by name (Hibernate's, Bean Validation's): read when its class is on the class path. */
    Annotation byName(String className) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(className)) return a;
        }
        return null;
    }

    /** {@code com.example.Order.customer}, for messages. */
    String where() {
        return declaring.getName() + "." + name;
    }

    /** The element type of a collection attribute ({@code Set<Tag>} gives Tag); null when not declared. */
    Class<?> elementType() {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return raw(p.getActualTypeArguments()[0]);
        }
        return null;
    }

    // ------------------------------------------------------------------ listing

    /** The access type of an entity hierarchy: {@code @Access} on the class, else where {@code @Id} sits, else FIELD. */
    static AccessType accessOf(List<Class<?>> hierarchy) {
        for (Class<?> c : hierarchy) {
            Access a = c.getAnnotation(Access.class);
            if (a != null) return a.value();
        }
        for (Class<?> c : hierarchy) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Id.class) || f.isAnnotationPresent(EmbeddedId.class)) return AccessType.FIELD;
            }
            Method[] methods;
            try {
                methods = c.getDeclaredMethods();
            } catch (LinkageError e) {
                continue; // a method signature names a class Retort cannot load: not where @Id is, as far as we can tell
            }
            for (Method m : methods) {
                if (m.isAnnotationPresent(Id.class) || m.isAnnotationPresent(EmbeddedId.class)) return AccessType.PROPERTY;
            }
        }
        return AccessType.FIELD;
    }

    /**
     * The persistent attributes {@code declaring} itself declares, in declaration order; static, transient,
     * synthetic and {@code @Transient} members left out. {@code concrete} is the class being mapped (a
     * subclass of {@code declaring}), against which type variables resolve.
     */
    static List<Attribute> declared(Class<?> declaring, Class<?> concrete, AccessType inherited) {
        Access own = declaring.getAnnotation(Access.class);
        AccessType access = own != null ? own.value() : inherited;
        Map<TypeVariable<?>, Type> bindings = bindings(concrete);
        List<Attribute> fields = new ArrayList<>();
        for (Field f : declaring.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic() || f.getName().startsWith("$")
                    || f.isAnnotationPresent(Transient.class)) {
                continue;
            }
            if (access == AccessType.FIELD || explicitly(f, AccessType.FIELD)) {
                Type g = resolve(f.getGenericType(), bindings);
                fields.add(new Attribute(f.getName(), raw(g), g, f, declaring));
            }
        }
        List<Attribute> properties = new ArrayList<>();
        for (Method m : access == AccessType.PROPERTY ? declaring.getDeclaredMethods() : methodsIfLoadable(declaring)) {
            String property = propertyName(m);
            if (property == null || m.isAnnotationPresent(Transient.class)) continue;
            if (access == AccessType.PROPERTY || explicitly(m, AccessType.PROPERTY)) {
                Type g = resolve(m.getGenericReturnType(), bindings);
                properties.add(new Attribute(property, raw(g), g, m, declaring));
            }
        }
        properties.sort(java.util.Comparator.comparing(Attribute::name)); // methods come in no defined order
        // a member of the other access type annotated @Access(...) is persistent too (JPA 2.3.2, explicit access), and
        // replaces the same-named member of the class's own type, which the spec wants @Transient anyway
        List<Attribute> primary = access == AccessType.FIELD ? fields : properties;
        List<Attribute> explicit = access == AccessType.FIELD ? properties : fields;
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : primary) if (explicit.stream().noneMatch(x -> x.name().equals(a.name()))) out.add(a);
        out.addAll(explicit);
        if (access == AccessType.PROPERTY) out.sort(java.util.Comparator.comparing(Attribute::name));
        return out;
    }

    /**
     * A field-access class's methods, looked at only for an explicit {@code @Access(PROPERTY)}: none when a signature
     * names a class Retort cannot load (a service method's), which a field-access entity never needed loading.
     */
    private static Method[] methodsIfLoadable(Class<?> c) {
        try {
            return c.getDeclaredMethods();
        } catch (LinkageError e) {
            return new Method[0];
        }
    }

    /** Whether a member carries {@code @Access(type)}: persistent although the class's access type is the other one. */
    private static boolean explicitly(AnnotatedElement member, AccessType type) {
        Access a = member.getAnnotation(Access.class);
        return a != null && a.value() == type;
    }

    private static String propertyName(Method m) {
        int mod = m.getModifiers();
        if (Modifier.isStatic(mod) || m.isSynthetic() || m.isBridge() || m.getParameterCount() != 0
                || m.getReturnType() == void.class) {
            return null;
        }
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3) return Introspector.decapitalize(n.substring(3));
        if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) return Introspector.decapitalize(n.substring(2));
        return null;
    }

    /**
     * The type an attribute path ({@code address.street}) of {@code type} leads to, through fields and getters of the
     * class and its superclasses whatever the access type (a collection leads to its element type); null when a step
     * names no member, {@code Object} when a step's type cannot be told (a raw collection), which nothing is checked against.
     */
    static Class<?> pathType(Class<?> type, String path) {
        Class<?> at = type;
        for (String step : path.split("\\.")) {
            if (at == Object.class) return at;
            Type found = null;
            for (Class<?> c = at; c != null && c != Object.class && found == null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) if (f.getName().equals(step)) found = f.getGenericType();
                if (found != null) break;
                try {
                    for (Method m : c.getDeclaredMethods()) if (step.equals(propertyName(m))) found = m.getGenericReturnType();
                } catch (LinkageError e) {
                    return Object.class; // a signature naming a class Retort cannot load: not checked
                }
            }
            if (found == null) return null;
            Class<?> raw = raw(found);
            if (java.util.Collection.class.isAssignableFrom(raw)) {
                raw = found instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                        ? raw(p.getActualTypeArguments()[0]) : Object.class;
            }
            at = raw;
        }
        return at;
    }

    // ------------------------------------------------------------------ generics

    /** Type variables of every superclass of {@code concrete}, bound to what the subclasses give them. */
    private static Map<TypeVariable<?>, Type> bindings(Class<?> concrete) {
        Map<TypeVariable<?>, Type> map = new HashMap<>();
        for (Class<?> c = concrete; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType p) {
                TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
                Type[] args = p.getActualTypeArguments();
                for (int i = 0; i < vars.length; i++) map.put(vars[i], resolve(args[i], map));
            }
        }
        return map;
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof TypeVariable<?> v && bindings.containsKey(v)) return bindings.get(v);
        return t;
    }

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        if (t instanceof GenericArrayType g) return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        if (t instanceof TypeVariable<?> v) return raw(v.getBounds()[0]);
        if (t instanceof java.lang.reflect.WildcardType w) return raw(w.getUpperBounds()[0]);
        return Object.class;
    }
}
