package com.custodian.base.ui;

import java.util.List;
import java.util.Locale;

import com.custodian.base.i18n.Languages;
import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryService;
import com.custodian.security.CurrentUser;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.PermitAll;

/**
 * The frame of every page: the product name, the navigation built from the views' {@code @Menu}
 * entries (so a role sees only what it may open), and the signed-in user with a sign-out action.
 */
@Layout
@PermitAll
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();

    private final DirectoryService directory;

    private final java.util.List<MenuBadge> badges;
    private final java.util.Map<SideNavItem, MenuBadge> badged = new java.util.LinkedHashMap<>();

    private final LanguageSelection languages;
    /** The signed-in person's menu: language and sign-out. */
    LazyContextMenu accountMenu;

    MainLayout(CurrentUser currentUser, AuthenticationContext authenticationContext, DirectoryService directory,
            java.util.List<MenuBadge> badges, LanguageSelection languages) {
        this.directory = directory;
        this.languages = languages;
        this.badges = badges;
        setPrimarySection(Section.DRAWER);
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("layout.menu-toggle"));
        viewTitle.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        addToNavbar(true, toggle, viewTitle, userArea(currentUser, authenticationContext));
        addToDrawer(brand(), new Scroller(navigation()));
    }

    private Component brand() {
        Icon logo = VaadinIcon.SHIELD.create();
        logo.addClassNames(LumoUtility.TextColor.PRIMARY);
        Span name = new Span(getTranslation("app.name"));
        name.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.LARGE);
        HorizontalLayout brand = new HorizontalLayout(logo, name);
        brand.setAlignItems(HorizontalLayout.Alignment.CENTER);
        brand.addClassNames("custodian-brand");
        return brand;
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.getElement().setAttribute("aria-label", getTranslation("layout.navigation"));
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            badges.stream().filter(badge -> entry.path().equals("/" + badge.path()) || entry.path().equals(badge.path()))
                    .findFirst().ifPresent(badge -> badged.put(item, badge));
            nav.addItem(item);
        }
        return nav;
    }

    private Component userArea(CurrentUser currentUser, AuthenticationContext authenticationContext) {
        HorizontalLayout area = new HorizontalLayout();
        area.setAlignItems(HorizontalLayout.Alignment.CENTER);
        area.addClassNames("custodian-user-area");
        Button menu = new Button(VaadinIcon.USER.create());
        menu.setId("user-menu");
        menu.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        menu.setIconAfterText(false);
        menu.setSuffixComponent(VaadinIcon.ANGLE_DOWN.create());
        String who = currentUser.get().map(this::emailOf).orElse("");
        menu.setText(who);
        menu.setAriaLabel(getTranslation("layout.user-menu", who));
        menu.addClassNames("custodian-user-menu");
        // Made when first opened: most page views never open it.
        accountMenu = new LazyContextMenu(menu, items -> {
            var language = items.addItem(getTranslation("layout.language"));
            language.addComponentAsFirst(VaadinIcon.GLOBE.create());
            language.setId("language-menu");
            Locale current = getLocale();
            var browser = language.getSubMenu().addItem(getTranslation("layout.language.browser"),
                    click -> languages.followBrowser(UI.getCurrent()));
            browser.setId("language-browser");
            language.getSubMenu().addSeparator();
            for (Locale supported : Languages.SUPPORTED) {
                var item = language.getSubMenu().addItem(Languages.nativeName(supported),
                        click -> languages.choose(UI.getCurrent(), supported));
                item.setCheckable(true);
                item.setChecked(supported.getLanguage().equals(current.getLanguage()));
                item.getElement().setAttribute("lang", supported.getLanguage());
                item.setId("language-" + supported.getLanguage());
            }
            var signOut = items.addItem(getTranslation("layout.sign-out"), click -> authenticationContext.logout());
            signOut.addComponentAsFirst(VaadinIcon.SIGN_OUT.create());
            signOut.setId("sign-out");
        });
        area.add(menu);
        return area;
    }

    /** The user's email as the directory has it now; the sign-in name while the directory is unavailable. */
    private String emailOf(SignedInUser signedIn) {
        return directory.resolve(List.of(signedIn.objectId())).entry(signedIn.objectId())
                .map(DirectoryEntry::email).orElse(signedIn.username());
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(getContent() instanceof HasDynamicTitle titled ? titled.getPageTitle()
                : MenuConfiguration.getPageHeader(getContent()).orElse(""));
        refreshBadges();
    }

    /** For a page whose action changed a count: the menu shows it at once. */
    public static void refreshBadgesOf(com.vaadin.flow.component.Component page) {
        MainLayout layout = page.findAncestor(MainLayout.class);
        if (layout != null) {
            layout.refreshBadges();
        }
    }

    /** Counts next to menu entries, as they are at each navigation. */
    private void refreshBadges() {
        badged.forEach((item, badge) -> {
            item.setSuffixComponent(badge.text().map(text -> {
                Span count = new Span(text);
                count.getElement().getThemeList().add("badge pill small contrast");
                count.getElement().setAttribute("aria-label", getTranslation("layout.open-count", text));
                return count;
            }).orElse(null));
        });
    }
}
