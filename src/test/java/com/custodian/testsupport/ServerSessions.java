package com.custodian.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.util.List;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;

/** What the server holds in a test browser's session: its security context. */
public final class ServerSessions {

    private ServerSessions() {
    }

    /** The security context stored in the session whose cookie the browser holds, or null. */
    public static SecurityContext securityContext(ApplicationContext context, CookieManager cookies) {
        String sessionId = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("JSESSIONID")).map(HttpCookie::getValue)
                .findFirst().orElse(null);
        if (sessionId == null) {
            return null;
        }
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
        Context webapp = (Context) server.getTomcat().getHost().findChildren()[0];
        try {
            Session session = webapp.getManager().findSession(sessionId);
            return session == null ? null
                    : (SecurityContext) session.getSession().getAttribute("SPRING_SECURITY_CONTEXT");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> authorities(ApplicationContext context, CookieManager cookies) {
        SecurityContext security = securityContext(context, cookies);
        if (security == null || security.getAuthentication() == null) {
            throw new AssertionError("not signed in");
        }
        return security.getAuthentication().getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
