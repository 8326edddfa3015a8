package com.custodian.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The toolbar's light actions: the strip's one click listener runs the clicked action, and only
 * one that is enabled and shown, whatever the browser sends; labels reach the browser as text.
 */
class ViewToolbarTest {

    private final List<String> clicked = new ArrayList<>();
    private ViewToolbar toolbar;
    private MarkupButton create;
    private MarkupButton delete;

    @BeforeEach
    void toolbar() {
        MockVaadin.setup();
        toolbar = new ViewToolbar("What this page is for.", new Anchor("#", "Download"));
        create = toolbar.action("create-thing", VaadinIcon.PLUS, "New thing", () -> clicked.add("create"))
                .addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        delete = toolbar.action("delete-things", VaadinIcon.TRASH, "Delete", () -> clicked.add("delete"));
        UI.getCurrent().add(toolbar);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void aClickRunsTheActionClicked() {
        click("delete-things");
        click("create-thing");
        assertThat(clicked).containsExactly("delete", "create");
    }

    @Test
    void aDisabledOrHiddenActionDoesNothingWhateverTheBrowserSends() {
        delete.setEnabled(false);
        create.setVisible(false);
        click("delete-things");
        click("create-thing");
        delete.click();
        assertThat(clicked).isEmpty();

        delete.setEnabled(true);
        click("delete-things");
        assertThat(clicked).containsExactly("delete");
    }

    @Test
    void anUnknownActionDoesNothing() {
        click("drop-database");
        click("");
        assertThat(clicked).isEmpty();
    }

    @Test
    void theLabelIsTextBesideTheIcon() {
        delete.setText("Delete <b>2</b> & \"more\"");
        assertThat(delete.getText()).isEqualTo("Delete <b>2</b> & \"more\"");
        assertThat(delete.getElement().getProperty("innerHTML")).isEqualTo(
                "<vaadin-icon icon=\"vaadin:trash\" slot=\"prefix\"></vaadin-icon>Delete &lt;b&gt;2&lt;/b&gt; &amp; &quot;more&quot;");
        assertThat(create.getElement().getAttribute("theme")).isEqualTo("primary");
        assertThat(actions().getChildren().map(Element::getTag).toList())
                .containsExactly("a", "vaadin-button", "vaadin-button");
    }

    /** What the browser sends when a button in the strip is clicked. */
    private void click(String id) {
        actions().getNode().getFeature(ElementListenerMap.class).fireEvent(new DomEvent(actions(), "click",
                JsonNodeFactory.instance.objectNode().put(ViewToolbar.CLICKED, id).put(ViewToolbar.ON_AN_ACTION, true)));
    }

    private Element actions() {
        return toolbar.getElement().getChild(1);
    }
}
