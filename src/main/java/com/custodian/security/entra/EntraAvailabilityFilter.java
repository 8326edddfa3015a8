package com.custodian.security.entra;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Before a sign-in is sent to Entra, makes sure Entra's endpoints are known; when Entra cannot be
 * reached, sends the person back to the sign-in page with a clear message instead of an error page.
 */
class EntraAvailabilityFilter extends OncePerRequestFilter {

    private final EntraClientRegistrations registrations;

    EntraAvailabilityFilter(EntraClientRegistrations registrations) {
        this.registrations = registrations;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorization/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            registrations.registration();
        } catch (EntraClientRegistrations.EntraUnavailableException e) {
            response.sendRedirect(request.getContextPath() + "/login?error=unavailable");
            return;
        }
        chain.doFilter(request, response);
    }
}
