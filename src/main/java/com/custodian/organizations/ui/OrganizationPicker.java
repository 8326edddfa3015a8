package com.custodian.organizations.ui;

import java.util.List;
import java.util.function.Function;

import com.custodian.organizations.OrganizationRow;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.data.renderer.LitRenderer;

/**
 * A combo box of organizations in tree order: each suggestion indented by its depth, the chosen one
 * shown by its name alone.
 */
public final class OrganizationPicker {

    private OrganizationPicker() {
    }

    public static void configure(ComboBox<OrganizationRow> field, List<OrganizationRow> treeOrder,
            Function<OrganizationRow, String> nameOf) {
        field.setItems(treeOrder);
        field.setItemLabelGenerator(nameOf::apply);
        field.setRenderer(LitRenderer.<OrganizationRow>of(
                "<span style=\"padding-inline-start: ${item.indent}em\">${item.name}</span>")
                .withProperty("indent", row -> row.depth() * 1.25)
                .withProperty("name", nameOf::apply));
    }
}
