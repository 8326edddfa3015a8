package com.custodian.base.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The bytes a file's content writes reach the ZIP whole and in order, and a failure on either side ends both. */
class HandOffStreamTest {

    @Test
    void everyByteArrivesInOrderWhateverTheSizesWritten() throws IOException {
        Random random = new Random(42);
        byte[] content = new byte[1_000_003];
        random.nextBytes(content);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HandOffStream handOff = new HandOffStream(received, "test");
        int at = 0;
        while (at < content.length) {
            int size = Math.min(content.length - at, random.nextInt(3) == 0 ? 1 : random.nextInt(200_000));
            if (size == 1) {
                handOff.write(content[at]);
            } else {
                handOff.write(content, at, size);
            }
            at += size;
        }
        handOff.close();
        assertThat(received.toByteArray()).isEqualTo(content);
    }

    @Test
    void theWritersFailureReachesTheProducerAndNoMoreIsWritten() {
        int[] writes = new int[1];
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writes[0]++;
                throw new IOException("the client went away");
            }
        };
        HandOffStream handOff = new HandOffStream(gone, "test");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                handOff.write(new byte[64 * 1024]);
            }
            handOff.close();
        }).isInstanceOf(IOException.class).hasMessage("the client went away");
        handOff.abandon();
        assertThat(writes[0]).as("nothing written after the failure").isEqualTo(1);
    }

    @Test
    void anAbandonedStreamStopsItsThread() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HandOffStream handOff = new HandOffStream(received, "abandoned-test");
        handOff.write(new byte[200_000]);
        handOff.abandon();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("abandoned-test"));
        handOff.close(); // nothing more to do, and nothing thrown
    }
}
