package com.custodian.requests;

import java.util.List;

import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.Holding;

/**
 * Everything Custodian holds about a request's subject, gathered from every feature, with the
 * identifiers the search used and what is not included, as texts for the reader's language.
 */
public record Discovery(RequestRow request, List<Text> identifiers, List<Holding> holdings, List<Text> notIncluded,
        boolean directoryAnswered, List<Text> erasureBlockers) {

    /** Whether the caller may erase everything found (an open erasure request whose blockers are none). */
    public boolean erasable() {
        return request.type() == RequestType.ERASURE && !request.status().closed() && erasureBlockers.isEmpty();
    }

    public long records() {
        return holdings.stream().mapToLong(Holding::records).sum();
    }
}
