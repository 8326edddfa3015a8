package com.custodian.alerts;

import java.util.Map;

import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;

/**
 * A rule that cannot be saved, with a message for each field at fault; nothing was stored. Pages
 * translate the messages; the exception's own message is their English text, for the log.
 */
public class InvalidRuleException extends RuntimeException implements com.custodian.base.Refusal {

    private final Map<String, Text> problems;

    InvalidRuleException(Map<String, Text> problems) {
        super(String.join(" ", problems.values().stream().map(Translations::english).toList()));
        this.problems = Map.copyOf(problems);
    }

    InvalidRuleException(String field, Text problem) {
        this(Map.of(field, problem));
    }

    /** Field → message; fields are "name", "target", "template", "devices", "conditions",
     *  "conditions[i].field", "conditions[i].threshold", "window", "recipients", "note" and "version". */
    public Map<String, Text> problems() {
        return problems;
    }
}
