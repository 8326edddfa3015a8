package com.custodian.base;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a refused production start in plain words instead of a stack trace. */
class ProductionSetupFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSetupException cause) {
        String missing = "  - " + String.join(System.lineSeparator() + "  - ", cause.missing());
        return new FailureAnalysis(
                "Custodian's production build refuses to start without its production settings. Missing:"
                        + System.lineSeparator() + missing,
                "Set the variables above (see README.md, 'Configuration'), or set CUSTODIAN_DEMO=true to try the "
                        + "demo setup (embedded database, local sign-in, demo data; not for production).",
                cause);
    }
}
