package com.custodian.requests;

import com.custodian.base.i18n.Text;
import com.custodian.base.i18n.Translations;

/**
 * A request that cannot be opened or changed as asked, with the field at fault; nothing was
 * stored. Pages show {@link #text()} in the reader's language; the message is the English text,
 * for the log and the REST API.
 */
public class DataRequestException extends RuntimeException implements com.custodian.base.Refusal {

    private final DataRequestProblem problem;
    private final transient Object[] arguments;

    DataRequestException(DataRequestProblem problem, Object... arguments) {
        super(Translations.english(Text.of(problem.messageKey(), arguments)));
        this.problem = problem;
        this.arguments = arguments.clone();
    }

    public DataRequestProblem problem() {
        return problem;
    }

    /** "type", "subject", "receivedOn", "reference", "note", "extension", "reason" or "status". */
    public String field() {
        return problem.field();
    }

    /** The values the problem's message names (a reference, a limit). */
    public Object[] arguments() {
        return arguments.clone();
    }

    /** What went wrong, to be translated for the reader. */
    public Text text() {
        return Text.of(problem.messageKey(), arguments);
    }
}
