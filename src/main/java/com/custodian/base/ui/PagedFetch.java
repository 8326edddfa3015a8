package com.custodian.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.custodian.base.OffsetPage;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;

/**
 * Serves a grid's fetch (any offset and limit) from a service that hands out pages of a bounded
 * size, so no component can make a service load an unbounded number of rows at once.
 */
public final class PagedFetch {

    private PagedFetch() {
    }

    /**
     * The rows the grid asks for, in as few service calls as the page bound allows: one, for any
     * offset, when the limit fits in a page.
     */
    public static <T> Stream<T> fetch(Query<T, ?> query, int maxPageSize, Function<Pageable, List<T>> pages) {
        long offset = query.getOffset();
        int limit = query.getLimit();
        Sort sort = VaadinSpringDataHelpers.toSpringDataSort(query);
        List<T> rows = new ArrayList<>(Math.min(limit, maxPageSize));
        while (rows.size() < limit) {
            int size = Math.min(limit - rows.size(), maxPageSize);
            List<T> content = pages.apply(new OffsetPage(offset + rows.size(), size, sort));
            rows.addAll(content.size() > size ? content.subList(0, size) : content);
            if (content.size() < size) {
                break;
            }
        }
        return rows.stream();
    }
}
