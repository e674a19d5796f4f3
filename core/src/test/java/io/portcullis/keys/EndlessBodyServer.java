package io.portcullis.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server whose one answer is a 200 with a chunked body that never ends, for
 * proving that a size cap is enforced while the body streams.
 */
final class EndlessBodyServer implements AutoCloseable {

    private static final byte[] CHUNK = chunk(4096);

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicLong bytesSent = new AtomicLong();

    EndlessBodyServer() throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::serve, "endless-body-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/jwks");
    }

    long bytesSent() {
        return bytesSent.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                readHeaders(client.getInputStream());
                OutputStream out = client.getOutputStream();
                String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    out.write(CHUNK);
                    bytesSent.addAndGet(CHUNK.length);
                }
            } catch (IOException closedByPeerOrServer) {
                // The client hung up, or the server is closing; wait for the next connection.
            }
        }
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the request ended");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static byte[] chunk(int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) ' ');
        byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + size + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, size);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
