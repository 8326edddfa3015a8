package com.custodian.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.custodian.devices.FieldSpec;
import com.custodian.devices.FieldType;
import com.custodian.devices.TemplateSummary;

/**
 * Everything that makes a rule unsaveable, as messages next to the fields. The service runs it
 * before every save; the editor runs it to show the messages.
 */
final class RuleValidation {

    static final int MAX_ADDRESS = 254;
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_CONDITIONS = 10;
    private static final Pattern SEPARATORS = Pattern.compile("[,;\\n]+");
    /** A practical address check (dot-atom local part, a domain of labels); RFC 5322 quoting is refused. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private RuleValidation() {
    }

    /** The templates of the rule's target: one for a template target, the devices' for listed devices. */
    interface Templates {
        /** Every template whose fields the rule's conditions must exist in; empty when unknown. */
        List<TemplateSummary> of(RuleForm form);
    }

    static Map<String, String> problems(RuleForm form, Templates templates) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = form.getName() == null ? "" : form.getName().strip();
        if (name.isEmpty()) {
            problems.put("name", "Give the rule a name");
        } else if (name.length() > 100) {
            problems.put("name", "A name has at most 100 characters");
        } else if (hasControl(name)) {
            problems.put("name", "The name holds a control character");
        }
        if (form.getTargetKind() == null) {
            problems.put("target", "Choose which devices the rule watches");
        } else if (form.getTargetKind() == TargetKind.TEMPLATE && form.getTemplateId() == null) {
            problems.put("template", "Choose a device template");
        } else if (form.getTargetKind() == TargetKind.DEVICES && form.getDeviceRefs().isEmpty()) {
            problems.put("devices", "Choose at least one device");
        }
        if (form.getMatchMode() == null) {
            problems.put("conditions", "Choose whether all conditions or any must hold");
        }
        conditions(form, templates, problems);
        if (form.getAggregation() == null) {
            problems.put("window", "Choose an aggregation, or none");
        } else if (form.getAggregation() != Aggregation.NONE
                && (form.getWindowMinutes() == null || !Aggregation.WINDOW_MINUTES.contains(form.getWindowMinutes()))) {
            problems.put("window", "Choose a window of " + Aggregation.WINDOW_MINUTES + " minutes");
        }
        recipients(form.getRecipients(), problems);
        if (form.getNote() != null && form.getNote().length() > 1000) {
            problems.put("note", "A note has at most 1,000 characters");
        }
        return problems;
    }

    private static void conditions(RuleForm form, Templates templates, Map<String, String> problems) {
        List<RuleForm.ConditionForm> conditions = form.getConditions();
        if (conditions.isEmpty()) {
            problems.put("conditions", "Add at least one condition");
            return;
        }
        if (conditions.size() > MAX_CONDITIONS) {
            problems.put("conditions", "A rule has at most " + MAX_CONDITIONS + " conditions");
            return;
        }
        List<TemplateSummary> targetTemplates = problems.containsKey("template") || problems.containsKey("devices")
                ? List.of() : templates.of(form);
        for (int i = 0; i < conditions.size(); i++) {
            RuleForm.ConditionForm condition = conditions.get(i);
            String field = condition.getField() == null ? "" : condition.getField().strip();
            if (field.isEmpty()) {
                problems.put("conditions[" + i + "].field", "Choose a field");
            } else {
                for (TemplateSummary template : targetTemplates) {
                    java.util.Optional<FieldSpec> spec = template.field(field);
                    if (spec.isEmpty()) {
                        problems.put("conditions[" + i + "].field", "The template " + template.name()
                                + " has no field \"" + field + "\"");
                        break;
                    }
                    if (spec.get().type() == FieldType.TEXT) {
                        problems.put("conditions[" + i + "].field", "\"" + field + "\" holds text; conditions "
                                + "compare numbers (true/false counts as 1/0)");
                        break;
                    }
                }
            }
            if (condition.getOperator() == null) {
                problems.put("conditions[" + i + "].field", "Choose an operator");
            }
            String threshold = condition.getThreshold() == null ? "" : condition.getThreshold().strip();
            try {
                if (!Double.isFinite(Double.parseDouble(threshold)) || threshold.matches(".*[dDfFxX].*")) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.put("conditions[" + i + "].threshold", threshold.isEmpty() ? "Enter a number"
                        : "\"" + printable(threshold) + "\" is not a number (for example 30 or -2.5)");
            }
        }
    }

    private static void recipients(String text, Map<String, String> problems) {
        List<String> given = split(text);
        if (given.isEmpty()) {
            problems.put("recipients", "Add at least one email address");
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String address : given) {
            if (hasControl(address)) {
                problems.put("recipients", "An address holds a line break or another control character");
                return;
            }
            if (address.length() > MAX_ADDRESS) {
                problems.put("recipients", "\"" + printable(address) + "\" is longer than " + MAX_ADDRESS + " characters");
                return;
            }
            if (!ADDRESS.matcher(address).matches()) {
                problems.put("recipients", "\"" + printable(address) + "\" is not an email address");
                return;
            }
            if (!seen.add(RuleText.address(address))) {
                problems.put("recipients", address + " is listed twice");
                return;
            }
        }
        if (seen.size() > MAX_RECIPIENTS) {
            problems.put("recipients", "A rule has at most " + MAX_RECIPIENTS + " recipients");
        }
    }

    /** The stored addresses of a recipients text that passed validation. */
    static Set<String> addresses(String text) {
        Set<String> addresses = new LinkedHashSet<>();
        split(text).forEach(address -> addresses.add(RuleText.address(address)));
        return addresses;
    }

    /** A single address as the recipients page takes it; empty when it is valid. */
    static java.util.Optional<String> addressProblem(String address) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (address != null && (address.contains(",") || address.contains(";") || address.contains("\n"))) {
            return java.util.Optional.of("Enter one address");
        }
        recipients(address, problems);
        return java.util.Optional.ofNullable(problems.get("recipients"));
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        // Line breaks separate addresses; a CR left inside one is a control character, refused.
        for (String part : SEPARATORS.split(text.replace("\r\n", "\n"))) {
            String address = part.strip();
            if (!address.isEmpty()) {
                parts.add(part.replaceAll("^[ \\t]+|[ \\t]+$", ""));
            }
        }
        return parts;
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static String printable(String text) {
        String clipped = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return clipped.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
