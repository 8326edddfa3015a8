package com.custodian.base.ui;

import java.util.function.BiFunction;

import com.vaadin.flow.component.Synchronize;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.Renderer;

/**
 * A grid whose columns do not send their layout back to the server.
 *
 * <p>Vaadin's columns keep the server's copy of six layout properties (width and flex after a
 * person drags a column's edge, frozen, frozen to the end, text alignment, resizable) in step with
 * the browser: {@code @Synchronize} registers a listener for each on every column, about 4.4 KB a
 * column in every session with their event settings (docs/performance.md). Custodian sets these properties on the server and
 * never reads them back, so its columns declare the same getters synchronized by no event: the
 * browser still resizes, freezes and aligns exactly as before, and the server keeps what it set.
 * The grid's own two such properties (column reordering, all rows visible), which Custodian never
 * lets the browser change, are treated alike. Sorting, selection, renderers and every other column
 * setting are Vaadin's, unchanged.
 */
public class LeanGrid<T> extends Grid<T> {

    public LeanGrid() {
        super();
    }

    @Override
    protected BiFunction<Renderer<T>, String, Column<T>> getDefaultColumnFactory() {
        return (renderer, columnId) -> new LeanColumn<>(this, columnId, renderer);
    }

    @Override
    @Synchronize({})
    public boolean isColumnReorderingAllowed() {
        return super.isColumnReorderingAllowed();
    }

    @Override
    @Synchronize({})
    public boolean isAllRowsVisible() {
        return super.isAllRowsVisible();
    }

    /** A column whose layout the server sets and the browser does not report back. */
    public static class LeanColumn<T> extends Column<T> {

        public LeanColumn(Grid<T> grid, String columnId, Renderer<T> renderer) {
            super(grid, columnId, renderer);
        }

        @Override
        @Synchronize({})
        public String getWidth() {
            return super.getWidth();
        }

        @Override
        @Synchronize({})
        public int getFlexGrow() {
            return super.getFlexGrow();
        }

        @Override
        @Synchronize({})
        public boolean isResizable() {
            return super.isResizable();
        }

        @Override
        @Synchronize({})
        public boolean isFrozen() {
            return super.isFrozen();
        }

        @Override
        @Synchronize({})
        public boolean isFrozenToEnd() {
            return super.isFrozenToEnd();
        }

        @Override
        @Synchronize({})
        public ColumnTextAlign getTextAlign() {
            return super.getTextAlign();
        }
    }
}
