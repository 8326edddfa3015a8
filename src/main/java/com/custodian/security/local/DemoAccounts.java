package com.custodian.security.local;

import java.util.List;

/** The demo accounts the default run's sign-in page lists. All sign in with {@link #PASSWORD}. */
public final class DemoAccounts {

    /** The password of every demo account. The local sign-in never runs in production unless opted in. */
    public static final String PASSWORD = "demo";

    /** An account and the translation key of the role it holds in the demo data. */
    public record DemoAccount(String email, String roleKey) {
    }

    public static final List<DemoAccount> ALL = List.of(
            new DemoAccount("admin@contoso.test", "role.APP_ADMINISTRATOR"),
            new DemoAccount("builder@contoso.test", "role.APP_BUILDER"),
            new DemoAccount("operator@contoso.test", "role.APP_OPERATOR"),
            new DemoAccount("lukas@contoso.test", "sign-in.account.operator-berlin"),
            new DemoAccount("dana@contoso.test", "sign-in.account.no-role"));

    private DemoAccounts() {
    }
}
