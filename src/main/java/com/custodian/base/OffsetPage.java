package com.custodian.base;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A page that starts at any row, not only at a multiple of its size: a grid asks for rows 99,950
 * to 100,000, and that is one statement, not two pages glued together.
 */
public record OffsetPage(long offset, int size, Sort sort) implements Pageable {

    public OffsetPage {
        if (offset < 0 || size < 1) {
            throw new IllegalArgumentException("An offset of at least 0 and a size of at least 1");
        }
        sort = sort == null ? Sort.unsorted() : sort;
    }

    /** The same rows with another sort (a service maps the grid's sort names to its own). */
    public static Pageable of(Pageable requested, Sort sort) {
        return new OffsetPage(requested.getOffset(), requested.getPageSize(), sort);
    }

    @Override
    public int getPageNumber() {
        return (int) (offset / size);
    }

    @Override
    public int getPageSize() {
        return size;
    }

    @Override
    public long getOffset() {
        return offset;
    }

    @Override
    public Sort getSort() {
        return sort;
    }

    @Override
    public Pageable next() {
        return new OffsetPage(offset + size, size, sort);
    }

    @Override
    public Pageable previousOrFirst() {
        return hasPrevious() ? new OffsetPage(Math.max(0, offset - size), size, sort) : first();
    }

    @Override
    public Pageable first() {
        return new OffsetPage(0, size, sort);
    }

    @Override
    public Pageable withPage(int pageNumber) {
        return new OffsetPage((long) pageNumber * size, size, sort);
    }

    @Override
    public boolean hasPrevious() {
        return offset > 0;
    }
}
