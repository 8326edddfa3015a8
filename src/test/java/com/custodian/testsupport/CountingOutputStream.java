package com.custodian.testsupport;

import java.io.OutputStream;

/** Counts the bytes written to it and keeps none: for measuring exports without holding them. */
public final class CountingOutputStream extends OutputStream {

    private long bytes;

    public long bytes() {
        return bytes;
    }

    @Override
    public void write(int b) {
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes += len;
    }
}
