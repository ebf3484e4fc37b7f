package dev.herald.ingress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for what HttpClient will not send: raw header bytes, a declared
 * length with no body behind it, a body that trickles. Closing closes the socket. One thread.
 */
final class Raw implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    Raw(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.setSendBufferSize(64 * 1024); // what is counted as sent is close to what reached the server
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout((int) readTimeout.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Writes the request line and headers (CRLF-terminated lines), then the blank line. Bytes are the text's UTF-8. */
    void head(String method, String path, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The status code of the response's first line. */
    int status() throws IOException {
        String line = line();
        return Integer.parseInt(line.split(" ")[1]);
    }

    /** The rest of the response head and whatever body follows, until the server closes or the timeout. */
    String rest() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
                if (all.toString(StandardCharsets.UTF_8).contains("}")) {
                    break; // our JSON answers end in a brace
                }
            }
        } catch (IOException e) {
            // closed by the server after its answer
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** One line of the response, without its CRLF. */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
