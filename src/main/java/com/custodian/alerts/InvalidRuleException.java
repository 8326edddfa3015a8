package com.custodian.alerts;

import java.util.Map;

/** A rule that cannot be saved, with a message for each field at fault; nothing was stored. */
public class InvalidRuleException extends RuntimeException implements com.custodian.base.Refusal {

    private final Map<String, String> problems;

    InvalidRuleException(Map<String, String> problems) {
        super(String.join("; ", problems.values()));
        this.problems = Map.copyOf(problems);
    }

    /** Field → message; fields are "name", "target", "template", "devices", "conditions",
     *  "conditions[i].field", "conditions[i].threshold", "window", "recipients", "note" and "version". */
    public Map<String, String> problems() {
        return problems;
    }
}
