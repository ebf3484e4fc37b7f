package dev.herald.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/** An output that passes bytes on until {@link #stop}, then blocks writers until {@link #resume}: a client that stops reading. */
public final class Gate extends OutputStream {
    private final OutputStream target;
    private volatile CountDownLatch open = new CountDownLatch(0);

    public Gate(OutputStream target) {
        this.target = target;
    }

    public void stop() {
        open = new CountDownLatch(1);
    }

    public void resume() {
        open.countDown();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            open.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        target.write(b, off, len);
    }
}
