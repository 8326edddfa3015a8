package com.custodian.testsupport;

import java.lang.reflect.Field;
import java.util.Map;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableBiConsumer;
import com.vaadin.flow.function.ValueProvider;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads and clicks grid cells drawn by a {@link LitRenderer}, which Karibu cannot: a property is what
 * the browser is sent for the row, and a function is what a click in the browser calls on the server.
 */
public final class LitCells {

    private LitCells() {
    }

    /** The value of one of the cell's template properties for the row, as sent to the browser. */
    public static <T> Object property(Grid<T> grid, int row, String columnKey, String property) {
        ValueProvider<T, ?> provider = renderer(grid, columnKey).getValueProviders().get(property);
        if (provider == null) {
            throw new AssertionError("column " + columnKey + " has no property " + property);
        }
        return provider.apply(item(grid, row));
    }

    /** Calls the cell's template function for the row, as clicking it in the browser does. */
    @SuppressWarnings("unchecked")
    public static <T> void click(Grid<T> grid, int row, String columnKey, String function) {
        LitRenderer<T> renderer = renderer(grid, columnKey);
        try {
            Field field = LitRenderer.class.getDeclaredField("clientCallables");
            field.setAccessible(true);
            var callables = (Map<String, SerializableBiConsumer<T, ArrayNode>>) field.get(renderer);
            SerializableBiConsumer<T, ArrayNode> callable = callables.get(function);
            if (callable == null) {
                throw new AssertionError("column " + columnKey + " has no function " + function);
            }
            callable.accept(item(grid, row), JsonNodeFactory.instance.arrayNode());
        } catch (ReflectiveOperationException unexpected) {
            throw new IllegalStateException("LitRenderer keeps its functions elsewhere in this Vaadin", unexpected);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> LitRenderer<T> renderer(Grid<T> grid, String columnKey) {
        Grid.Column<T> column = grid.getColumnByKey(columnKey);
        if (column == null) {
            throw new AssertionError("the grid has no column " + columnKey);
        }
        if (!(column.getRenderer() instanceof LitRenderer<?> renderer)) {
            throw new AssertionError("column " + columnKey + " is not drawn by a LitRenderer");
        }
        return (LitRenderer<T>) renderer;
    }

    private static <T> T item(Grid<T> grid, int row) {
        // Karibu's own fetch: a tree grid's communicator holds no rows until the browser asks.
        T item = row < com.github.mvysny.kaributesting.v10.GridKt._size(grid)
                ? com.github.mvysny.kaributesting.v10.GridKt._get(grid, row) : null;
        if (item == null) {
            throw new AssertionError("the grid has no row " + row);
        }
        return item;
    }
}
