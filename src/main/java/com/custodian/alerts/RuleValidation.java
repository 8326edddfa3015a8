package com.custodian.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.custodian.base.i18n.Text;
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
    static final int MAX_NAME = 100;
    static final int MAX_NOTE = 1000;
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

    static Map<String, Text> problems(RuleForm form, Templates templates) {
        Map<String, Text> problems = new LinkedHashMap<>();
        String name = form.getName() == null ? "" : form.getName().strip();
        if (name.isEmpty()) {
            problems.put("name", Text.of("alerts.problem.name-missing"));
        } else if (name.length() > MAX_NAME) {
            problems.put("name", Text.of("alerts.problem.name-too-long", MAX_NAME));
        } else if (hasControl(name)) {
            problems.put("name", Text.of("alerts.problem.name-control"));
        }
        if (form.getTargetKind() == null) {
            problems.put("target", Text.of("alerts.problem.target-missing"));
        } else if (form.getTargetKind() == TargetKind.TEMPLATE && form.getTemplateId() == null) {
            problems.put("template", Text.of("alerts.problem.template-missing"));
        } else if (form.getTargetKind() == TargetKind.DEVICES && form.getDeviceRefs().isEmpty()) {
            problems.put("devices", Text.of("alerts.problem.devices-missing"));
        }
        if (form.getMatchMode() == null) {
            problems.put("conditions", Text.of("alerts.problem.match-missing"));
        }
        conditions(form, templates, problems);
        if (form.getAggregation() == null) {
            problems.put("window", Text.of("alerts.problem.aggregation-missing"));
        } else if (form.getAggregation() != Aggregation.NONE
                && (form.getWindowMinutes() == null || !Aggregation.WINDOW_MINUTES.contains(form.getWindowMinutes()))) {
            List<Integer> windows = Aggregation.WINDOW_MINUTES;
            problems.put("window", Text.of("alerts.problem.window-invalid", Text.joined("list.pair",
                    windows.subList(0, windows.size() - 1)), windows.getLast()));
        }
        recipients(form.getRecipients(), problems);
        if (form.getNote() != null && form.getNote().length() > MAX_NOTE) {
            problems.put("note", Text.of("alerts.problem.note-too-long", MAX_NOTE));
        }
        return problems;
    }

    private static void conditions(RuleForm form, Templates templates, Map<String, Text> problems) {
        List<RuleForm.ConditionForm> conditions = form.getConditions();
        if (conditions.isEmpty()) {
            problems.put("conditions", Text.of("alerts.problem.conditions-missing"));
            return;
        }
        if (conditions.size() > MAX_CONDITIONS) {
            problems.put("conditions", Text.of("alerts.problem.too-many-conditions", MAX_CONDITIONS));
            return;
        }
        List<TemplateSummary> targetTemplates = problems.containsKey("template") || problems.containsKey("devices")
                ? List.of() : templates.of(form);
        for (int i = 0; i < conditions.size(); i++) {
            RuleForm.ConditionForm condition = conditions.get(i);
            String field = condition.getField() == null ? "" : condition.getField().strip();
            if (field.isEmpty()) {
                problems.put("conditions[" + i + "].field", Text.of("alerts.problem.field-missing"));
            } else {
                for (TemplateSummary template : targetTemplates) {
                    java.util.Optional<FieldSpec> spec = template.field(field);
                    if (spec.isEmpty()) {
                        problems.put("conditions[" + i + "].field", template.id() == null
                                ? Text.of("alerts.problem.field-unknown-anywhere", printable(field))
                                : Text.of("alerts.problem.field-unknown", template.name(), printable(field)));
                        break;
                    }
                    if (spec.get().type() == FieldType.TEXT) {
                        problems.put("conditions[" + i + "].field", Text.of("alerts.problem.field-text", field));
                        break;
                    }
                }
            }
            if (condition.getOperator() == null) {
                problems.put("conditions[" + i + "].field", Text.of("alerts.problem.operator-missing"));
            }
            String threshold = condition.getThreshold() == null ? "" : condition.getThreshold().strip();
            try {
                if (!Double.isFinite(Double.parseDouble(threshold)) || threshold.matches(".*[dDfFxX].*")) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.put("conditions[" + i + "].threshold", threshold.isEmpty()
                        ? Text.of("alerts.problem.threshold-missing")
                        : Text.of("alerts.problem.threshold-invalid", printable(threshold)));
            }
        }
    }

    private static void recipients(String text, Map<String, Text> problems) {
        List<String> given = split(text);
        if (given.isEmpty()) {
            problems.put("recipients", Text.of("alerts.problem.recipients-missing"));
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String address : given) {
            if (hasControl(address)) {
                problems.put("recipients", Text.of("alerts.problem.recipient-control"));
                return;
            }
            if (address.length() > MAX_ADDRESS) {
                problems.put("recipients", Text.of("alerts.problem.recipient-too-long", printable(address), MAX_ADDRESS));
                return;
            }
            if (!ADDRESS.matcher(address).matches()) {
                problems.put("recipients", Text.of("alerts.problem.recipient-invalid", printable(address)));
                return;
            }
            if (!seen.add(RuleText.address(address))) {
                problems.put("recipients", Text.of("alerts.problem.recipient-twice", address));
                return;
            }
        }
        if (seen.size() > MAX_RECIPIENTS) {
            problems.put("recipients", Text.of("alerts.problem.too-many-recipients", MAX_RECIPIENTS));
        }
    }

    /** The stored addresses of a recipients text that passed validation. */
    static Set<String> addresses(String text) {
        Set<String> addresses = new LinkedHashSet<>();
        split(text).forEach(address -> addresses.add(RuleText.address(address)));
        return addresses;
    }

    /** A single address as the recipients page takes it; empty when it is valid. */
    static java.util.Optional<Text> addressProblem(String address) {
        Map<String, Text> problems = new LinkedHashMap<>();
        if (address != null && (address.contains(",") || address.contains(";") || address.contains("\n"))) {
            return java.util.Optional.of(Text.of("alerts.problem.one-address"));
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
