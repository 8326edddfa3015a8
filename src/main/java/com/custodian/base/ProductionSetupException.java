package com.custodian.base;

import java.util.List;

/** The production build was started without the settings production needs. */
public class ProductionSetupException extends RuntimeException {

    private final List<String> missing;

    ProductionSetupException(List<String> missing) {
        super("Production mode needs: " + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
