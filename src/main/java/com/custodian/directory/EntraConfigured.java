package com.custodian.directory;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether a Microsoft Entra tenant is configured ({@code ENTRA_TENANT_ID}). Beans of the Entra
 * sign-in and the Graph directory need it; the local sign-in and directory need its absence.
 */
public final class EntraConfigured {

    public static final String TENANT_PROPERTY = "custodian.entra.tenant-id";

    private EntraConfigured() {
    }

    static boolean in(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(TENANT_PROPERTY));
    }

    /** Matches when a tenant is configured. */
    public static final class Yes extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return in(context) ? ConditionOutcome.match("Entra tenant configured")
                    : ConditionOutcome.noMatch("no Entra tenant configured");
        }
    }

    /** Matches when no tenant is configured: the default run, with its local directory and sign-in. */
    public static final class No extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return in(context) ? ConditionOutcome.noMatch("Entra tenant configured")
                    : ConditionOutcome.match("no Entra tenant configured");
        }
    }
}
