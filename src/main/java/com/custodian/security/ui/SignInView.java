package com.custodian.security.ui;

import java.util.List;
import java.util.Map;

import com.custodian.directory.EntraProperties;
import com.custodian.security.CurrentUser;
import com.custodian.security.entra.EntraClientRegistrations;
import com.custodian.security.local.DemoAccounts;
import com.custodian.security.local.DemoAccounts.DemoAccount;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * The sign-in page: "Sign in with Microsoft" where an Entra tenant is configured; in the default
 * run, a form for the local demo accounts, which it lists. Failed sign-ins come back here with a
 * reason that the page puts into words.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public final class SignInView extends Composite<VerticalLayout> implements BeforeEnterObserver, HasDynamicTitle {

    private static final Map<String, String> ENTRA_ERRORS = Map.of(
            "unavailable", "sign-in.error.unavailable",
            "wrong-tenant", "sign-in.error.wrong-tenant",
            "failed", "sign-in.error.failed");

    /** The query parameter of a sign-in refused because the form's token no longer matched the session. */
    public static final String EXPIRED = "expired";

    private final boolean entra;
    private final CurrentUser currentUser;
    private final LoginForm form = new LoginForm();
    private final Paragraph message = new Paragraph();

    SignInView(EntraProperties entraProperties, CurrentUser currentUser) {
        this.entra = entraProperties.configured();
        this.currentUser = currentUser;
        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setAlignItems(VerticalLayout.Alignment.CENTER);
        layout.addClassNames("custodian-login");

        H1 title = new H1(getTranslation("app.name"));
        title.addClassNames(LumoUtility.Margin.Bottom.NONE);
        Paragraph subtitle = new Paragraph(getTranslation("sign-in.subtitle"));
        subtitle.addClassNames(LumoUtility.TextColor.SECONDARY);
        message.setId("sign-in-message");
        message.setVisible(false);
        layout.add(title, subtitle, message);
        if (entra) {
            layout.add(entraSignIn());
        } else {
            layout.add(localSignIn());
            addDemoAccounts(layout);
        }
    }

    private Div entraSignIn() {
        Anchor signIn = new Anchor("oauth2/authorization/" + EntraClientRegistrations.REGISTRATION_ID,
                getTranslation("sign-in.with-microsoft"));
        signIn.setId("sign-in-with-microsoft");
        // A full page load: the browser goes to Entra, not to a Vaadin route.
        signIn.setRouterIgnore(true);
        signIn.addComponentAsFirst(VaadinIcon.SIGN_IN.create());
        signIn.addClassNames("custodian-sign-in-button");
        Paragraph hint = new Paragraph(getTranslation("sign-in.entra-hint"));
        hint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div card = new Div(signIn, hint);
        card.addClassNames("custodian-sign-in-card");
        return card;
    }

    private LoginForm localSignIn() {
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("sign-in.form.title"));
        i18n.getForm().setUsername(getTranslation("sign-in.form.email"));
        i18n.getForm().setPassword(getTranslation("sign-in.form.password"));
        i18n.getForm().setSubmit(getTranslation("sign-in.form.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("sign-in.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("sign-in.error.local"));
        form.setI18n(i18n);
        return form;
    }

    private void addDemoAccounts(VerticalLayout layout) {
        H2 title = new H2(getTranslation("sign-in.demo-accounts"));
        title.addClassNames(LumoUtility.FontSize.MEDIUM);
        Paragraph hint = new Paragraph(getTranslation("sign-in.demo-hint", DemoAccounts.PASSWORD));
        hint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Grid<DemoAccount> accounts = new Grid<>();
        accounts.setId("demo-accounts");
        accounts.addColumn(DemoAccount::email).setHeader(getTranslation("sign-in.account.email")).setAutoWidth(true)
                .setFlexGrow(0);
        // The role takes the rest and wraps: its longest texts ("App Operator in Berlin (sees …)") are a line.
        accounts.addColumn(account -> getTranslation(account.roleKey()))
                .setHeader(getTranslation("sign-in.account.role"));
        accounts.setItems(DemoAccounts.ALL);
        accounts.setAllRowsVisible(true);
        accounts.setWidth("34rem");
        accounts.setMaxWidth("100%");
        accounts.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        layout.add(title, hint, accounts);
        // A grid stretches by default; the list of accounts stays as narrow as its columns.
        layout.setHorizontalComponentAlignment(VerticalLayout.Alignment.CENTER, accounts);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (currentUser.get().isPresent()) {
            event.forwardTo("");
            return;
        }
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("signed-out")) {
            show(getTranslation("sign-in.signed-out"), false);
        } else if (parameters.containsKey(EXPIRED) && !entra) {
            show(getTranslation("sign-in.expired"), false);
        } else if (parameters.containsKey("error")) {
            if (entra) {
                String reason = parameters.get("error").stream().findFirst().orElse("failed");
                show(getTranslation(ENTRA_ERRORS.getOrDefault(reason, "sign-in.error.failed")), true);
            } else {
                form.setError(true);
            }
        }
    }

    private void show(String text, boolean error) {
        message.setText(text);
        message.setVisible(true);
        message.setClassName("custodian-sign-in-message");
        if (error) {
            message.addClassName("error");
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sign-in.page-title");
    }
}
