package com.custodian.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import com.custodian.directory.DirectoryService;
import com.custodian.directory.local.LocalDirectory;
import com.custodian.security.Identity;
import com.custodian.security.SignInAuthorities;
import com.custodian.testsupport.AbstractViewTest;
import com.custodian.testsupport.Karibu;
import com.custodian.testsupport.SignIn;
import com.custodian.users.BuiltInRole;
import com.custodian.users.TestUsers;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;

/**
 * What a person whose access comes through a group sees: "My access" names the group behind each
 * permission, and when Entra could not be asked, both "My access" and the no-access page say why.
 */
class GroupAccessViewTest extends AbstractViewTest {

    private final List<Long> added = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        added.forEach(new TestUsers(context)::remove);
    }

    @Test
    void myAccessNamesTheGroupEachPermissionComesFrom() {
        DirectoryService directory = context.getBean(DirectoryService.class);
        added.add(new TestUsers(context).addGroup(new Identity(directory.tenantId(), LocalDirectory.CONTOSO_OPERATORS),
                BuiltInRole.APP_OPERATOR));
        signInAs(SignIn.NO_ROLE);
        UI.getCurrent().navigate(MyAccessView.class);

        List<String> permissions = _find(ListItem.class).stream().map(item -> item.getElement().getTextRecursively())
                .toList();
        assertThat(permissions).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("From: group Contoso Operators (App Operator)"));
        assertThat(_find(Paragraph.class, spec -> spec.withId("my-access-groups-unchecked"))).isEmpty();
    }

    @Test
    void whenEntraCouldNotSayTheNoAccessPageAndMyAccessSaySo() {
        signInWith(List.of(SignInAuthorities.GROUPS_UNCHECKED));
        UI.getCurrent().navigate("");
        assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(NoAccessView.class);
        assertThat(_get(Paragraph.class, spec -> spec.withId("no-access-explanation")).getText())
                .startsWith("You hold no role of your own, and Microsoft Entra ID could not be asked");

        signInWith(List.of("ROLE_APP_USER", "ROLE_VIEW_DEVICES", SignInAuthorities.GROUPS_UNCHECKED));
        UI.getCurrent().navigate(MyAccessView.class);
        assertThat(_get(Paragraph.class, spec -> spec.withId("my-access-groups-unchecked")).getText())
                .contains("roles given to groups do not apply right now");
    }

    /** A session of Dana's as the sign-in made it when Entra did not answer about groups. */
    private void signInWith(List<String> authorities) {
        SignIn.use(context);
        DirectoryService directory = context.getBean(DirectoryService.class);
        Instant now = Instant.now();
        String dana = "3a5e5d7f-0f4b-4d3e-8a84-6e0f5a4b2d04";
        OidcIdToken token = new OidcIdToken("token", now, now.plusSeconds(3600), Map.of("iss", "https://test.invalid",
                "sub", dana, "aud", List.of("custodian"), "tid", directory.tenantId().toString(), "oid", dana,
                "preferred_username", "dana@contoso.test"));
        var granted = authorities.stream().map(SimpleGrantedAuthority::new).toList();
        Karibu.signIn(new OAuth2AuthenticationToken(new DefaultOidcUser(granted, token, "oid"), granted, "local"));
    }
}
