package com.custodian.base.personaldata;

import java.util.Map;

/**
 * A feature's declaration of the tables it keeps that hold no personal data, each with the
 * reason: the other half of the coverage check of {@link PersonalData}.
 */
public interface NonPersonalData {

    /** Table name → why it holds no personal data. */
    Map<String, String> nonPersonalTables();
}
