package com.custodian.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.internal.ComponentMetaData.SynchronizedPropertyInfo;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;

/**
 * A lean grid's columns keep no listener for the layout the browser could report back, where
 * Vaadin's own columns keep six; what the server sets still reaches the browser, and sorting is
 * Vaadin's.
 */
class LeanGridTest {

    private static final List<String> LAYOUT_PROPERTIES = List.of("width", "flexGrow", "resizable", "frozen",
            "frozenToEnd", "textAlign");

    @BeforeEach
    void ui() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void vaadinsColumnsListenForTheirLayoutAndLeanColumnsDoNot() {
        Grid.Column<String> vaadins = laidOut(new Grid<>());
        Grid.Column<String> lean = laidOut(new LeanGrid<>());

        assertThat(lean).isInstanceOf(LeanGrid.LeanColumn.class);
        for (String property : LAYOUT_PROPERTIES) {
            assertThat(listeners(vaadins).getPropertySynchronizationMode(property)).as(property).isNotNull();
            assertThat(listeners(lean).getPropertySynchronizationMode(property)).as(property).isNull();
        }
        assertThat(listeners(vaadins).getExpressions("column-drag-resize")).isNotEmpty();
        assertThat(listeners(lean).getExpressions("column-drag-resize")).isEmpty();
    }

    @Test
    void everyPropertyVaadinSynchronizesOnAColumnIsLeftOutOnALeanOne() {
        // A property a later Vaadin synchronizes would be kept again; this says so.
        assertThat(ComponentUtil.getSynchronizedProperties(Grid.Column.class))
                .extracting(SynchronizedPropertyInfo::getProperty)
                .containsExactlyInAnyOrderElementsOf(LAYOUT_PROPERTIES);
        assertThat(ComponentUtil.getSynchronizedProperties(LeanGrid.LeanColumn.class))
                .allSatisfy(info -> assertThat(info.getEventNames()).as(info.getProperty()).isEmpty());
        assertThat(ComponentUtil.getSynchronizedProperties(LeanGrid.class))
                .allSatisfy(info -> assertThat(info.getEventNames()).as(info.getProperty()).isEmpty());
    }

    @Test
    void whatTheServerSetsReachesTheBrowserAndSortingIsVaadins() {
        LeanGrid<String> grid = new LeanGrid<>();
        Grid.Column<String> column = laidOut(grid);
        grid.setItems("beta", "alpha", "gamma");

        assertThat(column.getElement().getProperty("width")).isEqualTo("9rem");
        assertThat(column.getElement().getProperty("flexGrow", -1)).isZero();
        assertThat(column.getElement().getProperty("resizable", false)).isTrue();
        assertThat(column.getElement().getProperty("frozenToEnd", false)).isTrue();
        assertThat(column.getTextAlign()).isEqualTo(ColumnTextAlign.END);

        grid.sort(List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(column, SortDirection.DESCENDING)));
        assertThat(GridKt._getFormattedRow(grid, 0)).containsExactly("gamma");
    }

    private static Grid.Column<String> laidOut(Grid<String> grid) {
        return grid.addColumn(text -> text).setKey("text").setWidth("9rem").setFlexGrow(0).setResizable(true)
                .setFrozenToEnd(true).setTextAlign(ColumnTextAlign.END).setSortable(true)
                .setComparator(String::compareTo);
    }

    private static ElementListenerMap listeners(Grid.Column<String> column) {
        return column.getElement().getNode().getFeature(ElementListenerMap.class);
    }
}
