package com.custodian.security.entra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The error a caller puts in Entra's redirect never starts a line of its own in the log. */
@ExtendWith(OutputCaptureExtension.class)
class SignInFailureLogTest {

    @Test
    void aLineBreakInTheErrorCodeIsEscaped(CapturedOutput output) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        java.util.List<Object> published = new java.util.ArrayList<>();
        new EntraSignInFailureHandler(published::add).onAuthenticationFailure(new MockHttpServletRequest(), response,
                new OAuth2AuthenticationException(new OAuth2Error("access_denied\r\n2026-12-05 INFO forged: admin signed in")));
        assertThat(response.getRedirectedUrl()).endsWith("/login?error=failed");
        assertThat(published).singleElement().isInstanceOf(com.custodian.security.SignInRefused.class);
        assertThat(output.getAll()).contains("access_denied\\u000d\\u000a2026-12-05 INFO forged")
                .doesNotContainPattern("(?m)^2026-12-05 INFO forged");
    }
}
