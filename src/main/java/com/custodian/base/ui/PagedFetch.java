package com.custodian.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.data.domain.PageRequest;
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

    public static <T> Stream<T> fetch(Query<T, ?> query, int maxPageSize, Function<Pageable, List<T>> pages) {
        int offset = query.getOffset();
        int limit = query.getLimit();
        Sort sort = VaadinSpringDataHelpers.toSpringDataSort(query);
        int pageSize = Math.max(1, Math.min(limit, maxPageSize));
        int page = offset / pageSize;
        int skip = offset % pageSize;
        List<T> rows = new ArrayList<>(Math.min(limit, maxPageSize));
        while (rows.size() < limit) {
            List<T> content = pages.apply(PageRequest.of(page++, pageSize, sort));
            content.stream().skip(skip).limit(limit - rows.size()).forEach(rows::add);
            skip = 0;
            if (content.size() < pageSize) {
                break;
            }
        }
        return rows.stream();
    }
}
