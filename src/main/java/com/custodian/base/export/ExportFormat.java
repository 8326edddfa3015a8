package com.custodian.base.export;

/** The machine-readable formats of Custodian's exports. */
public enum ExportFormat {
    CSV("text/csv", "csv"),
    JSON("application/json", "json");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
