package com.custodian.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.custodian.base.ui.AccessDeniedView;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.Callers;
import com.custodian.testsupport.Karibu;
import com.custodian.testsupport.SignIn;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/**
 * Every registered route, opened by each built-in role, a person without a role and an anonymous
 * visitor: shown exactly when the caller's permissions (as stored for the built-in roles) include
 * the one the view requires; otherwise the caller sees the sign-in page (anonymous), the "no
 * access" page (no role) or the "you may not open this page" page.
 */
class RouteAccessMatrixTest extends AbstractViewTest {

    /**
     * Pages that forward by who comes (the landing page, the sign-in page, the no-access page);
     * where they lead each caller is {@link NavigationTest}'s subject.
     */
    private static final Set<Class<?>> FORWARDING = Set.of(HomeView.class, SignInView.class, NoAccessView.class);

    /** Where a refused caller is sent. */
    private static final Set<Class<?>> REFUSALS = Set.of(SignInView.class, NoAccessView.class, AccessDeniedView.class);

    /** Route parameters: values that exist nowhere; the access check comes before the view's lookup. */
    private static final Map<String, String> PARAMETERS = Map.of(":deviceId", "no-such-device", ":id", "999999");

    @Test
    void everyRouteOpensExactlyForThePermissionsItRequires() {
        Map<String, Set<String>> callers = Callers.withPermissions(
                context.getBean(org.springframework.jdbc.core.JdbcTemplate.class));

        List<String> wrong = new ArrayList<>();
        int checked = 0;
        var routes = RouteConfiguration.forApplicationScope().getAvailableRoutes();
        assertThat(routes).as("registered routes").hasSizeGreaterThanOrEqualTo(12);
        for (var route : routes) {
            Class<? extends Component> view = route.getNavigationTarget();
            if (FORWARDING.contains(view)) {
                continue;
            }
            String path = route.getTemplate();
            for (Map.Entry<String, String> parameter : PARAMETERS.entrySet()) {
                path = path.replace(parameter.getKey(), parameter.getValue());
            }
            for (Map.Entry<String, Set<String>> caller : callers.entrySet()) {
                boolean allowed = allowed(view, caller.getKey(), caller.getValue());
                Karibu.tearDown();
                Karibu.setUp(context);
                if (caller.getKey() == null) {
                    SignIn.out();
                } else {
                    signInAs(caller.getKey());
                }
                Class<?> shown;
                try {
                    UI.getCurrent().navigate(path);
                    shown = UI.getCurrent().getCurrentView().getClass();
                } catch (com.github.mvysny.kaributesting.v10.NotFoundError notFound) {
                    // Past the access check, the view itself found no such device or request.
                    shown = view;
                }
                // A view may forward past its access check (a request that does not exist leads to the list).
                boolean opened = !REFUSALS.contains(shown);
                checked++;
                if (opened != allowed) {
                    wrong.add("/" + path + " as " + (caller.getKey() == null ? "anonymous" : caller.getKey()) + ": showed "
                            + shown.getSimpleName() + ", permissions say " + (allowed ? "open it" : "refuse it"));
                }
                if (!opened && !allowed) {
                    Class<?> expected = caller.getKey() == null ? SignInView.class
                            : caller.getValue().isEmpty() ? NoAccessView.class : AccessDeniedView.class;
                    if (shown != expected) {
                        wrong.add("/" + path + " as " + caller.getKey() + ": refused with " + shown.getSimpleName()
                                + " instead of " + expected.getSimpleName());
                    }
                }
            }
        }
        assertThat(wrong).as("routes whose access differs from the permissions").isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(45);
    }

    /** What the view's annotations say the caller may do; the landing page redirects, so it counts as open to all. */
    private static boolean allowed(Class<? extends Component> view, String email, Set<String> permissions) {
        if (view.isAnnotationPresent(AnonymousAllowed.class)) {
            return true;
        }
        if (email == null) {
            return false;
        }
        if (view.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        RolesAllowed roles = view.getAnnotation(RolesAllowed.class);
        assertThat(roles).as(view.getSimpleName() + " declares who may open it").isNotNull();
        return Set.of(roles.value()).stream().anyMatch(permissions::contains);
    }
}
