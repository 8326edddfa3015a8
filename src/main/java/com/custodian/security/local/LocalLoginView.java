package com.custodian.security.local;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
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
 * The default run's sign-in page: the demo accounts, and a form that posts to Spring Security.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public final class LocalLoginView extends Composite<VerticalLayout> implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();

    LocalLoginView() {
        VerticalLayout layout = getContent();
        layout.setSizeFull();
        layout.setAlignItems(VerticalLayout.Alignment.CENTER);
        layout.addClassNames("custodian-login");

        H1 title = new H1(getTranslation("app.name"));
        title.addClassNames(LumoUtility.Margin.Bottom.NONE);
        Paragraph subtitle = new Paragraph(getTranslation("login.subtitle"));
        subtitle.addClassNames(LumoUtility.TextColor.SECONDARY);

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n());

        H2 accountsTitle = new H2(getTranslation("login.demo-accounts"));
        accountsTitle.addClassNames(LumoUtility.FontSize.MEDIUM);
        Paragraph accountsHint = new Paragraph(getTranslation("login.demo-hint", LocalSignInProvider.DEMO_PASSWORD));
        accountsHint.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Grid<DemoAccount> accounts = new Grid<>();
        accounts.setId("demo-accounts");
        accounts.addColumn(DemoAccount::email).setHeader(getTranslation("login.account.email")).setAutoWidth(true);
        accounts.addColumn(account -> getTranslation(account.roleKey()))
                .setHeader(getTranslation("login.account.role")).setAutoWidth(true);
        accounts.setItems(DemoAccount.ALL);
        accounts.setAllRowsVisible(true);
        accounts.setWidth("26rem");
        accounts.addThemeVariants(GridVariant.LUMO_COMPACT);

        layout.add(title, subtitle, form, accountsTitle, accountsHint, accounts);
        layout.setHorizontalComponentAlignment(VerticalLayout.Alignment.CENTER, accounts);
    }

    private LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.form.title"));
        i18n.getForm().setUsername(getTranslation("login.form.email"));
        i18n.getForm().setPassword(getTranslation("login.form.password"));
        i18n.getForm().setSubmit(getTranslation("login.form.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.page-title");
    }

    /** A demo account of the default run, as the sign-in page lists it. */
    record DemoAccount(String email, String roleKey) {
        static final java.util.List<DemoAccount> ALL = java.util.List.of(
                new DemoAccount("admin@contoso.test", "login.account.role.admin"),
                new DemoAccount("builder@contoso.test", "login.account.role.builder"),
                new DemoAccount("operator@contoso.test", "login.account.role.operator"),
                new DemoAccount("dana@contoso.test", "login.account.role.none"));
    }
}
