package com.custodian.security;

/**
 * A sign-in with Microsoft Entra ID that was refused (another tenant's account, a denied consent, a
 * token that did not verify): nobody is known yet, so the audit feature counts it, not stores it.
 */
public record SignInRefused(String reason, String address, String path) {
}
