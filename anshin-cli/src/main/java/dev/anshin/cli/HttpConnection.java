package dev.anshin.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection with blocking I/O: the cheapest client there is, so that on a
 * 2-core machine the load generator leaves the CPU to the server it measures (the JDK's
 * HttpClient costs several times more per request). Handles Content-Length and chunked bodies,
 * which is all a Spring Boot server sends. Over TLS for an https URL (one handshake per connection,
 * kept alive like the rest).
 */
final class HttpConnection implements AutoCloseable {

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private String lastRefusal;
    private static final int KEPT = 2_048;

    /** A connection to {@code base}; over TLS with {@code tls} (which must be given) when it is an https URL. */
    HttpConnection(URI base, SSLSocketFactory tls) {
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        if (https && tls == null) {
            throw new IllegalArgumentException("an https URL needs a TLS socket factory");
        }
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        this.tls = https ? tls : null;
    }

    /** Sends one request and reads the whole response; returns the status code. */
    int exchange(String method, String path, String apiKey, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("X-Api-Key: ").append(apiKey).append("\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        for (int attempt = 0; ; attempt++) {
            try {
                connectIfNeeded();
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connectIfNeeded() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            if (tls != null) {
                SSLSocket secured = (SSLSocket) tls.createSocket(socket, host, port, true);
                SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                secured.setSSLParameters(parameters);
                secured.startHandshake();
                socket = secured;
            }
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }
    }

    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        // The body of an answer other than 200 is kept (its start): a problem's type tells refusals apart.
        StringBuilder kept = code == 200 ? null : new StringBuilder();
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                body(size, kept);
                line();
            }
            line();
        } else if (length > 0) {
            body(length, kept);
        }
        lastRefusal = kept == null ? null : kept.toString();
        if (closeAfter) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Reads {@code bytes} of body, keeping up to {@link #KEPT} characters of it in {@code kept} (if given). */
    private void body(long bytes, StringBuilder kept) throws IOException {
        while (kept != null && bytes > 0 && kept.length() < KEPT) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            kept.append((char) c);
            bytes--;
        }
        skip(bytes);
    }

    /** The start of the last answer's body if it was not a 200 (else null): its problem type, for one. */
    String lastRefusal() {
        return lastRefusal;
    }

    private void skip(long bytes) throws IOException {
        while (bytes > 0) {
            long skipped = in.skip(bytes);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
                skipped = 1;
            }
            bytes -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
