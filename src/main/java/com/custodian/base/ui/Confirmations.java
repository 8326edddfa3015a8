package com.custodian.base.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** What every confirmation of an action that deletes, erases or takes away has in common. */
public final class Confirmations {

    private Confirmations() {
    }

    /**
     * The confirm button in red, and the focus on Cancel once the dialog is open: Vaadin focuses the
     * confirm button, so an Enter meant for the page behind, or pressed twice, would delete at once.
     * The dialog becomes cancelable.
     */
    public static ConfirmDialog destructive(ConfirmDialog dialog) {
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        // The overlay announces its opening on the body after the dialog has focused its confirm button.
        dialog.getElement().executeJs("""
                const host = this;
                const forget = () => document.body.removeEventListener('vaadin-overlay-open', focusCancel);
                const focusCancel = event => {
                  if (event.detail.overlay.owner !== host) return;
                  forget();
                  const cancel = host.querySelector('[slot="cancel-button"]');
                  if (cancel && !cancel.hidden) cancel.focus();
                };
                document.body.addEventListener('vaadin-overlay-open', focusCancel);
                // Closed before it opened: the listener goes with it.
                host.addEventListener('closed', forget, { once: true });""");
        return dialog;
    }
}
