package com.custodian.base.ui;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How the directory names the people of the rows a grid fetched lately, for the cells drawn from
 * them: a grid asks for its rows a page at a time and draws them all after the last page, so
 * the names of every page of one fetch must still be here. Holds the latest {@value #HELD}.
 */
public final class RecentNames implements Serializable {

    static final int HELD = 1000;

    private final LinkedHashMap<UUID, String> names = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
            return size() > HELD;
        }
    };

    public void put(UUID objectId, String name) {
        names.put(objectId, name);
    }

    public Optional<String> of(UUID objectId) {
        return Optional.ofNullable(names.get(objectId));
    }
}
