package com.custodian.base.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.custodian.base.i18n.Languages;
import com.custodian.directory.DirectoryEntry;
import com.custodian.directory.DirectoryService;
import com.custodian.security.CurrentUser;
import com.custodian.security.SignedInUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasAriaLabel;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
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
 * The drawer (the product name and the navigation) is one element whose content the browser draws
 * from markup shared by every session showing the same menu; the drawer's toggle is the browser's
 * own element. A session holds a handful of components for the frame, not one for every entry and
 * icon.
 */
@Layout
@PermitAll
// Drawn from markup and the toggle's element: their browser parts are loaded with the frame.
@Uses(SideNav.class)
@Uses(SideNavItem.class)
@Uses(Scroller.class)
@Uses(HorizontalLayout.class)
@Uses(Icon.class)
@Uses(DrawerToggle.class)
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    /**
     * The drawers shown lately with their markup, by what they show: every session showing the same
     * shares both (the menu's entries and the markup).
     */
    private static final Map<Drawer, Drawn> MARKUP = new ConcurrentHashMap<>();
    private static final int MARKUP_KEPT = 200;

    private final H1 viewTitle = new H1();
    private final Div drawer = new Div();

    private final DirectoryService directory;

    private final List<MenuBadge> badges;
    /** The entries of the menu as drawn now. */
    private List<MenuLink> menu = List.of();

    private final LanguageSelection languages;
    /** The signed-in person's menu: language and sign-out. */
    LazyContextMenu accountMenu;

    /**
     * An entry of the menu as drawn: its label, where it leads, its icon, and the count beside it with
     * that count's name for screen readers (or nulls).
     */
    public record MenuLink(String label, String path, String icon, String badge, String badgeLabel) {
    }

    /** What a drawer shows, which is all its markup depends on. */
    private record Drawer(String appName, String navigationLabel, List<MenuLink> links) {
    }

    private record Drawn(Drawer drawer, String markup) {
    }

    /** The drawer's toggle as the browser's own element, which opens and closes the drawer itself. */
    @Tag("vaadin-drawer-toggle")
    private static final class Toggle extends Component implements HasAriaLabel {
    }

    MainLayout(CurrentUser currentUser, AuthenticationContext authenticationContext, DirectoryService directory,
            List<MenuBadge> badges, LanguageSelection languages) {
        this.directory = directory;
        this.languages = languages;
        this.badges = badges;
        setPrimarySection(Section.DRAWER);
        Toggle toggle = new Toggle();
        toggle.setAriaLabel(getTranslation("layout.menu-toggle"));
        viewTitle.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
        addToNavbar(true, toggle, viewTitle, userMenu(currentUser, authenticationContext));
        drawer.addClassNames("custodian-drawer");
        addToDrawer(drawer);
        drawMenu(links());
    }

    /** The entries the signed-in user may open, each with its badge's count as it is now. */
    private List<MenuLink> links() {
        List<MenuLink> links = new ArrayList<>();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            String badge = badges.stream()
                    .filter(candidate -> entry.path().equals("/" + candidate.path()) || entry.path().equals(candidate.path()))
                    .findFirst().flatMap(MenuBadge::text).orElse(null);
            links.add(new MenuLink(getTranslation(entry.title()), entry.path(), entry.icon(), badge,
                    badge == null ? null : getTranslation("layout.open-count", badge)));
        }
        return links;
    }

    private void drawMenu(List<MenuLink> links) {
        if (links.equals(menu)) {
            return;
        }
        Drawer shown = new Drawer(getTranslation("app.name"), getTranslation("layout.navigation"), List.copyOf(links));
        if (MARKUP.size() > MARKUP_KEPT) {
            MARKUP.clear();
        }
        Drawn drawn = MARKUP.computeIfAbsent(shown, key -> new Drawn(key, markup(key)));
        menu = drawn.drawer().links();
        drawer.getElement().setProperty("innerHTML", drawn.markup());
    }

    /** The menu as drawn now, for a test to read what the browser is sent. */
    public List<MenuLink> menu() {
        return menu;
    }

    /** The product name and the navigation, as the components they stand for would draw them. */
    private static String markup(Drawer drawer) {
        StringBuilder html = new StringBuilder();
        html.append("<vaadin-horizontal-layout theme=\"spacing\" class=\"custodian-brand\" style=\"align-items: center\">")
                .append("<vaadin-icon icon=\"vaadin:shield\" class=\"").append(LumoUtility.TextColor.PRIMARY)
                .append("\"></vaadin-icon><span class=\"").append(LumoUtility.FontWeight.SEMIBOLD).append(' ')
                .append(LumoUtility.FontSize.LARGE).append("\">").append(Markup.escape(drawer.appName()))
                .append("</span></vaadin-horizontal-layout>");
        html.append("<vaadin-scroller><vaadin-side-nav aria-label=\"").append(Markup.escape(drawer.navigationLabel()))
                .append("\">");
        for (MenuLink link : drawer.links()) {
            // As a side-nav item sets it: the route's path without its leading slash.
            String path = link.path().startsWith("/") ? link.path().substring(1) : link.path();
            html.append("<vaadin-side-nav-item path=\"").append(Markup.escape(path)).append("\">");
            if (link.icon() != null) {
                html.append("<vaadin-icon icon=\"").append(Markup.escape(link.icon())).append("\" slot=\"prefix\"></vaadin-icon>");
            }
            html.append(Markup.escape(link.label()));
            if (link.badge() != null) {
                html.append("<span slot=\"suffix\" theme=\"badge pill small contrast\" aria-label=\"")
                        .append(Markup.escape(link.badgeLabel())).append("\">").append(Markup.escape(link.badge()))
                        .append("</span>");
            }
            html.append("</vaadin-side-nav-item>");
        }
        return html.append("</vaadin-side-nav></vaadin-scroller>").toString();
    }

    private Component userMenu(CurrentUser currentUser, AuthenticationContext authenticationContext) {
        String who = currentUser.get().map(this::emailOf).orElse("");
        // Its menu opens on a click: the button itself needs no listener.
        MarkupButton menu = new MarkupButton("user-menu", VaadinIcon.USER, who, null).setSuffixIcon(VaadinIcon.ANGLE_DOWN)
                .addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        menu.setAriaLabel(getTranslation("layout.user-menu", who));
        menu.addClassNames("custodian-user-area", "custodian-user-menu");
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
        return menu;
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

    /** Counts next to menu entries, as they are at each navigation; the menu is drawn again only when one changed. */
    private void refreshBadges() {
        drawMenu(links());
    }
}
