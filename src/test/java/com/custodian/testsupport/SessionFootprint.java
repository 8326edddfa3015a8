package com.custodian.testsupport;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.StateNode;

/**
 * Where a session's heap goes, for looking into the session-memory benchmark's figures: the objects
 * reachable from one session and not from another (so not shared between sessions), each charged to
 * the component whose state holds it, with estimated shallow sizes (compressed references, 12-byte
 * headers, 8-byte alignment). Walking the JDK's own classes needs their packages opened to the test
 * ({@code --add-opens java.base/java.util=ALL-UNNAMED} and the like); what cannot be opened is
 * counted but not walked into.
 */
public final class SessionFootprint {

    private final Set<Object> stops;
    private int unopened;

    /** Walks neither into these (the application's singletons) nor into classes, threads and loaders. */
    public SessionFootprint(Iterable<?> shared) {
        stops = Collections.newSetFromMap(new IdentityHashMap<>());
        shared.forEach(stops::add);
    }

    /** The bytes of the objects only {@code session} holds, as the report's first line says. */
    public static long bytesOf(List<String> report) {
        return Long.parseLong(report.getFirst().replaceAll("[^0-9]", ""));
    }

    /**
     * The lines of a report: first the bytes only {@code session} holds ("session only: N bytes"), then
     * its attributes, then the {@code lines} largest owners and owners by class.
     */
    public List<String> report(Object session, Object otherSession, int lines) {
        Map<Object, String> owners = walk(session, true);
        Set<Object> other = walk(otherSession, false).keySet();
        Map<String, long[]> byOwner = new HashMap<>();
        Map<String, long[]> byClass = new HashMap<>();
        long total = 0;
        for (Map.Entry<Object, String> entry : owners.entrySet()) {
            if (other.contains(entry.getKey())) {
                continue;
            }
            long size = shallowSize(entry.getKey());
            total += size;
            add(byOwner, entry.getValue(), size);
            add(byClass, entry.getValue() + " / " + entry.getKey().getClass().getName(), size);
        }
        List<String> report = new ArrayList<>();
        report.add(String.format(Locale.ROOT, "session only: %d bytes", total));
        report.add(String.format(Locale.ROOT, "objects not walked into (their packages not opened): %d", unopened));
        if (session instanceof org.apache.catalina.Session tomcat) {
            var http = tomcat.getSession();
            for (String name : Collections.list(http.getAttributeNames())) {
                Map<Object, String> attribute = walk(http.getAttribute(name), false);
                long size = attribute.keySet().stream().filter(o -> !other.contains(o)).mapToLong(SessionFootprint::shallowSize).sum();
                report.add(String.format(Locale.ROOT, "attribute %s: %,d bytes only this session's (%s)", name, size,
                        http.getAttribute(name).getClass().getName()));
            }
        }
        report.add("-- by owner:");
        top(byOwner, lines).forEach(report::add);
        report.add("-- by owner and class:");
        top(byClass, lines * 2).forEach(report::add);
        return report;
    }

    private static void add(Map<String, long[]> sums, String key, long size) {
        long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
        sum[0] += size;
        sum[1]++;
    }

    private static List<String> top(Map<String, long[]> sums, int lines) {
        return sums.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
                .limit(lines).map(e -> String.format(Locale.ROOT, "%,9d B %6d objects  %s", e.getValue()[0],
                        e.getValue()[1], e.getKey())).toList();
    }

    /** Every object reachable from the root, with the owner it is charged to (breadth first). */
    private Map<Object, String> walk(Object root, boolean count) {
        Map<Object, String> seen = new IdentityHashMap<>();
        Deque<Object> queue = new ArrayDeque<>();
        seen.put(root, "session");
        queue.add(root);
        Set<Object> roots = Collections.newSetFromMap(new IdentityHashMap<>());
        roots.add(root);
        while (!queue.isEmpty()) {
            Object object = queue.poll();
            String inherited = seen.get(object);
            String owner = ownerOf(object, inherited);
            boolean isRoot = roots.contains(object) || !owner.equals(inherited);
            if (isRoot) {
                roots.add(object);
            }
            seen.put(object, owner);
            List<String> names = new ArrayList<>();
            List<Object> children = references(object, count, names);
            for (int i = 0; i < children.size(); i++) {
                Object child = children.get(i);
                if (child != null && !seen.containsKey(child) && !stopsAt(child)) {
                    // One level of detail under each owner: the field it was reached through.
                    if (isRoot && detailed(owner)) {
                        seen.put(child, owner + "." + names.get(i));
                        roots.add(child);
                    } else {
                        seen.put(child, owner);
                    }
                    queue.add(child);
                }
            }
        }
        return seen;
    }

    private static boolean detailed(String owner) {
        String owners = System.getenv("BENCHMARK_BREAKDOWN_DETAIL");
        return owners != null && List.of(owners.split(",")).contains(owner);
    }

    private static String ownerOf(Object object, String inherited) {
        if (object instanceof Component component) {
            return label(component);
        }
        if (object instanceof StateNode node && node.isAttached()) {
            try {
                Element element = Element.get(node);
                return element.getComponent().map(SessionFootprint::label).orElse("<" + element.getTag() + ">");
            } catch (RuntimeException notAnElement) {
                return inherited;
            }
        }
        return inherited;
    }

    private static String label(Component component) {
        return component.getClass().getName().replaceFirst("^com\\.vaadin\\.flow\\.component\\.", "")
                + component.getId().map(id -> "#" + id).orElse("");
    }

    private boolean stopsAt(Object object) {
        return stops.contains(object) || object instanceof Class<?> || object instanceof ClassLoader
                || object instanceof Thread || object instanceof Module || object instanceof Enum<?>;
    }

    /** The object's references, and into {@code names} each one's field name (or element class) in the same order. */
    private List<Object> references(Object object, boolean count, List<String> names) {
        Class<?> type = object.getClass();
        List<Object> children = new ArrayList<>();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0, n = Array.getLength(object); i < n; i++) {
                    children.add(Array.get(object, i));
                    Object element = Array.get(object, i);
                    names.add(element == null ? "[]" : "[" + element.getClass().getSimpleName() + "]");
                }
            }
            return children;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    children.add(field.get(object));
                    names.add(field.getName());
                } catch (RuntimeException | IllegalAccessException closed) {
                    if (count) {
                        unopened++;
                    }
                }
            }
        }
        return children;
    }

    /** The object's own size, as HotSpot lays it out with compressed references. */
    static long shallowSize(Object object) {
        Class<?> type = object.getClass();
        long size;
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            size = 16 + (long) Array.getLength(object) * fieldSize(component);
        } else {
            size = 12;
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        size += fieldSize(field.getType());
                    }
                }
            }
        }
        return (size + 7) / 8 * 8;
    }

    private static int fieldSize(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        if (type == byte.class || type == boolean.class) {
            return 1;
        }
        return 4;
    }
}
