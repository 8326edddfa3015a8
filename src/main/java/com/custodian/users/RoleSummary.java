package com.custodian.users;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/** A role as pages show it. */
public record RoleSummary(UUID id, String name, boolean builtIn) {

    /**
     * The summaries in use, each once: roles are few, and every row of the Users page names some, in
     * every session showing it. Held weakly: a summary nobody holds any more (a renamed role's old
     * one) goes.
     */
    private static final Map<RoleSummary, WeakReference<RoleSummary>> IN_USE = new WeakHashMap<>();

    /** The summary of the role, shared with every row and page that names the same role. */
    public static RoleSummary of(UUID id, String name, boolean builtIn) {
        RoleSummary wanted = new RoleSummary(id, name, builtIn);
        synchronized (IN_USE) {
            WeakReference<RoleSummary> held = IN_USE.get(wanted);
            RoleSummary shared = held == null ? null : held.get();
            if (shared == null) {
                IN_USE.put(wanted, new WeakReference<>(wanted));
                shared = wanted;
            }
            return shared;
        }
    }
}
