package com.custodian.base.personaldata;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Bytes written here are passed, a buffer at a time, to another thread that writes them on: so a
 * file's content is produced (rows read and formatted) while the previous buffers are digested,
 * compressed and sent. A few buffers are in flight at most, so memory stays flat. A failure on
 * either side ends both: the writer's is thrown to the producer at its next write or at close.
 */
final class HandOffStream extends OutputStream {

    private static final int BUFFER = 64 * 1024;
    private static final int IN_FLIGHT = 4;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final OutputStream target;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
    private final Thread writer;
    private volatile Throwable failure;
    private byte[] current = new byte[BUFFER];
    private int used;
    private boolean closed;

    HandOffStream(OutputStream target, String name) {
        this.target = target;
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::writeOn);
    }

    @Override
    public void write(int b) throws IOException {
        if (used == BUFFER) {
            handOff();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == BUFFER) {
                handOff();
            }
            int n = Math.min(len, BUFFER - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    /** Everything written is passed on and written by the other thread; the target stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (used > 0) {
                handOff();
            }
        } finally {
            end();
        }
        rethrow();
    }

    /** Stops the other thread after a failure of the producer, dropping what was not written. */
    void abandon() {
        if (!closed) {
            closed = true;
            failure = failure == null ? new IOException("abandoned") : failure;
            end();
        }
    }

    private void handOff() throws IOException {
        rethrow();
        try {
            full.put(new Chunk(current, used));
            byte[] recycled = free.poll();
            current = recycled != null ? recycled : new byte[BUFFER];
            used = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing bytes on");
        }
    }

    private void end() {
        boolean interrupted = false;
        while (true) {
            try {
                full.put(END);
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {
        Throwable failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
    }

    private void writeOn() {
        while (true) {
            Chunk chunk;
            try {
                chunk = full.take();
            } catch (InterruptedException e) {
                // Only end() stops this thread, so that the producer never waits on a full queue.
                continue;
            }
            if (chunk == END) {
                return;
            }
            if (failure == null) {
                try {
                    target.write(chunk.bytes(), 0, chunk.length());
                } catch (Throwable e) {
                    failure = e;
                }
            }
            free.offer(chunk.bytes());
        }
    }
}
