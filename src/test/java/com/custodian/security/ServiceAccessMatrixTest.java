package com.custodian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.custodian.testsupport.Callers;
import com.custodian.testsupport.SignIn;

/**
 * Every public method of every service, called as each built-in role, as a person without a role
 * and anonymously: refused exactly when the caller's permissions (as stored for the built-in roles)
 * include none of those the method names, allowed otherwise. A public service method without a
 * permission check must be one of the few listed here, with the reason it needs none, so a new
 * unguarded method fails this test. Allowed calls run with empty arguments in a transaction that
 * rolls back, so nothing they might do is kept.
 */
@SpringBootTest
class ServiceAccessMatrixTest {

    /** Public service methods with no permission check, and why they need none. */
    private static final Map<String, String> OPEN = Map.ofEntries(
            Map.entry("AuditTrail.done", "writes the caller's own change, inside a checked method"),
            Map.entry("AuditTrail.doneForEach", "as done"),
            Map.entry("AuditTrail.doneSaying", "as done"),
            Map.entry("AuditTrail.doneForEachSaying", "as done"),
            Map.entry("AuditTrail.doneBy", "sign-ins, before any permission exists"),
            Map.entry("AuditTrail.doneBySaying", "as doneBy"),
            Map.entry("AuditTrail.refused", "records a refusal"),
            Map.entry("AuditTrail.refusedBy", "records a failed sign-in"),
            Map.entry("AuditTrail.pseudonymise", "called inside a checked erasure"),
            Map.entry("DeviceCatalog.*", "read API for other features' background work (alert evaluation)"),
            Map.entry("OrganizationsService.organization", "checks another feature's choice of organization; callers check their own permission"),
            Map.entry("OrganizationsService.reach", "where the caller's own permission reaches, for another feature's checked query"),
            Map.entry("OrganizationsService.reaches", "as reach"),
            Map.entry("OrganizationsService.ancestry", "an organization's ancestors, for another feature's checked grant"),
            Map.entry("OrganizationsService.subtree", "a subtree's IDs for another feature's query; callers check their own permission"),
            Map.entry("DirectoryService.*", "directory lookups; callers check permissions"),
            Map.entry("SystemLog.*", "the service's own log; nothing reads it back"),
            Map.entry("TelemetryIngestion.*", "devices authenticate with their key, checked inside"),
            Map.entry("UserAccounts.*", "sign-in: resolves who is signing in"),
            Map.entry("LanguagePreferences.*", "the signed-in person's own language; needs someone signed in, no permission"),
            Map.entry("ExportJobs.*", "prepared exports, reached only through the checked data-request service"),
            Map.entry("*.category", "names a feature's personal data: a label, no data"),
            Map.entry("*.tables", "names the tables a feature keeps: no data"),
            Map.entry("*.nonPersonalTables", "as tables"));

    private static final Pattern PERMISSION = Pattern.compile("'([A-Z_]+)'");

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    /** A custom role with the data requests' permission alone, held by Frank (of the demo directory). */
    static final String PRIVACY_OFFICER = "frank@contoso.test";
    private static final String OFFICER_ROLE = "7a0c3e52-6d1f-4e8b-9a2c-5b4d3e2f1a01";

    @org.junit.jupiter.api.BeforeEach
    void aPrivacyOfficerRole() {
        jdbc.update("insert into app_role (id, name, built_in, created_at, version) values (?, 'Privacy officer (matrix)', "
                + "false, now(), 0)", OFFICER_ROLE);
        jdbc.update("insert into role_permission (role_id, permission) values (?, 'MANAGE_DATA_REQUESTS')", OFFICER_ROLE);
        jdbc.update("insert into app_user (id, tenant_id, object_id, principal_type, added_at, version) values "
                + "(70000002, ?, '5e3a7f9b-2b6d-4f5a-8ca6-8a2b7c6d4f06', 'PERSON', now(), 0)",
                context.getBean(com.custodian.directory.DirectoryService.class).tenantId().toString());
        jdbc.update("insert into role_assignment (user_id, role_id) values (70000002, ?)", OFFICER_ROLE);
    }

    @AfterEach
    void signOut() {
        SignIn.out();
        jdbc.update("delete from app_user where id = 70000002");
        jdbc.update("delete from role_permission where role_id = ?", OFFICER_ROLE);
        jdbc.update("delete from app_role where id = ?", OFFICER_ROLE);
    }

    @Test
    void everyServiceMethodAllowsExactlyWhatThePermissionsSay() {
        Map<String, Set<String>> callers = new java.util.LinkedHashMap<>(Callers.withPermissions(jdbc));
        // A custom role with the data requests' permission alone: allowed exactly what that permission allows.
        callers.put(PRIVACY_OFFICER, Set.of(Permission.Names.MANAGE_DATA_REQUESTS, Permission.Names.APP_USER));

        List<String> wrong = new ArrayList<>();
        Set<String> unguarded = new TreeSet<>();
        int checked = 0;
        for (Object bean : services()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic() || method.isBridge()
                        || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                String name = type.getSimpleName() + "." + method.getName();
                PreAuthorize check = method.getAnnotation(PreAuthorize.class);
                if (check == null) {
                    if (!OPEN.containsKey(name) && !OPEN.containsKey(type.getSimpleName() + ".*")
                            && !OPEN.containsKey("*." + method.getName())) {
                        unguarded.add(name);
                    }
                    continue;
                }
                Set<String> needed = permissions(check.value());
                assertThat(needed).as(name + " names a permission").isNotEmpty();
                for (Map.Entry<String, Set<String>> caller : callers.entrySet()) {
                    boolean allowed = caller.getValue().stream().anyMatch(needed::contains);
                    boolean refused = refused(bean, method, caller.getKey());
                    checked++;
                    if (refused == allowed) {
                        wrong.add(name + " as " + (caller.getKey() == null ? "anonymous" : caller.getKey()) + ": "
                                + (refused ? "refused" : "allowed") + ", permissions say "
                                + (allowed ? "allowed" : "refused"));
                    }
                }
            }
        }
        assertThat(unguarded).as("public service methods without a permission check and not listed as open")
                .isEmpty();
        assertThat(wrong).as("calls whose outcome differs from the permissions").isEmpty();
        assertThat(checked).as("method × caller combinations checked").isGreaterThan(200);
    }

    private List<Object> services() {
        List<Object> services = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBean(name);
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getPackageName().startsWith("com.custodian")) {
                continue;
            }
            boolean checks = Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(PreAuthorize.class));
            if (type.isAnnotationPresent(Service.class) || checks) {
                services.add(bean);
            }
        }
        assertThat(services).as("services found").hasSizeGreaterThan(10);
        return services;
    }

    /** Calls the method through its proxy with empty arguments; whether method security refused it. */
    private boolean refused(Object bean, Method method, String email) {
        if (email == null) {
            SignIn.out();
        } else {
            SignIn.as(context, email);
        }
        Method callable = AopUtils.selectInvocableMethod(method, bean.getClass());
        // Some features' classes are package-private; their public methods are still called through the proxy.
        callable.setAccessible(true);
        Object[] arguments = Arrays.stream(callable.getParameterTypes()).map(ServiceAccessMatrixTest::empty).toArray();
        boolean[] refused = new boolean[1];
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            try {
                callable.invoke(bean, arguments);
            } catch (InvocationTargetException e) {
                refused[0] = e.getCause() instanceof AccessDeniedException
                        || e.getCause() instanceof AuthenticationException;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        return refused[0];
    }

    private static Object empty(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == List.class || type == java.util.Collection.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == java.io.OutputStream.class) {
            return java.io.OutputStream.nullOutputStream();
        }
        return null;
    }

    private static Set<String> permissions(String expression) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PERMISSION.matcher(expression);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
