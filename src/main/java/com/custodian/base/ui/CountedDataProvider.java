package com.custodian.base.ui;

import java.util.Objects;
import java.util.stream.Stream;

import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.function.SerializableSupplier;

/**
 * Rows for a lazy grid that knows how many there are. The grid asks for the size again whenever its
 * viewport moves; the count is taken once per filter and kept until the data is refreshed, so
 * scrolling costs only the page's own statements, and a filter change one count more.
 *
 * @param <F> the grid's query filter, if any
 */
public final class CountedDataProvider<T, F> extends CallbackDataProvider<T, F> {

    private final SerializableSupplier<Object> filterOutsideQuery;
    private transient CountedFor counted;

    private record CountedFor(Object filter, Object outside, int count) {
    }

    private CountedDataProvider(FetchCallback<T, F> fetch, CountCallback<T, F> count,
            SerializableSupplier<Object> filterOutsideQuery) {
        super(fetch, count);
        this.filterOutsideQuery = filterOutsideQuery;
    }

    /**
     * @param filterOutsideQuery what the rows also depend on besides the query's filter (a filter
     *        field the callbacks read); a change of it counts again
     */
    public static <T> CountedDataProvider<T, Void> of(FetchCallback<T, Void> fetch, CountCallback<T, Void> count,
            SerializableSupplier<Object> filterOutsideQuery) {
        return new CountedDataProvider<>(fetch, count, filterOutsideQuery);
    }

    public static <T, F> CountedDataProvider<T, F> filtering(FetchCallback<T, F> fetch, CountCallback<T, F> count) {
        return new CountedDataProvider<>(fetch, count, () -> null);
    }

    @Override
    public int size(Query<T, F> query) {
        Object filter = query.getFilter().orElse(null);
        Object outside = filterOutsideQuery.get();
        CountedFor last = counted;
        if (last != null && Objects.equals(last.filter(), filter) && Objects.equals(last.outside(), outside)) {
            return last.count();
        }
        int count = super.size(query);
        counted = new CountedFor(filter, outside, count);
        return count;
    }

    @Override
    public Stream<T> fetch(Query<T, F> query) {
        return super.fetch(query);
    }

    /** Rows were added, changed or removed: the next size is counted again. */
    @Override
    public void refreshAll() {
        counted = null;
        super.refreshAll();
    }
}
