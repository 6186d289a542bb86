package io.tidewater.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay on loopback between the services and one of the stack's servers, which can make that server slow,
 * failing or unreachable: the services see what they would see of a slow or failing object store, or of a queue
 * endpoint that went away and came back.
 */
public final class FaultyRelay implements AutoCloseable {

    /** How the relay treats traffic now. */
    public sealed interface Mode {
        /** Forwards everything at once. */
        record Passing() implements Mode {}

        /** Holds every chunk of a request for a while before forwarding it. */
        record Slow(long delayMillis) implements Mode {}

        /** Accepts connections and resets them at once, and resets the open ones: every request fails. */
        record Failing() implements Mode {}
    }

    private static final Mode PASSING = new Mode.Passing();

    private final int targetPort;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Mode> mode = new AtomicReference<>(PASSING);
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private FaultyRelay(int targetPort, ServerSocket server) {
        this.targetPort = targetPort;
        this.server = server;
    }

    /** A relay on a free loopback port to {@code 127.0.0.1:targetPort}. */
    public static FaultyRelay to(int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            FaultyRelay relay = new FaultyRelay(targetPort, server);
            relay.threads.execute(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a relay to port " + targetPort + ": " + e.getMessage(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Switches the mode; switching to failing also resets every open connection. */
    public void set(Mode next) {
        mode.set(next);
        if (next instanceof Mode.Failing) {
            open.forEach(FaultyRelay::reset);
        }
    }

    public void pass() {
        set(PASSING);
    }

    /** Connections relayed so far, and connections reset by a failing mode. */
    public long connections() {
        return connections.get();
    }

    public long refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (mode.get() instanceof Mode.Failing) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            connections.incrementAndGet();
            threads.execute(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            open.add(client);
            open.add(target);
            threads.execute(() -> pump(target, client, false));
            pump(client, target, true);
        } catch (IOException e) {
            // The target went away or a fault reset the connection: the client sees its connection end.
        } finally {
            open.remove(client);
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (request && mode.get() instanceof Mode.Slow slow) {
                    Thread.sleep(slow.delayMillis());
                }
                if (mode.get() instanceof Mode.Failing) {
                    throw new SocketException("relay failing");
                }
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            reset(from);
            reset(to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(from);
        }
    }

    /** Closes with a TCP reset rather than an orderly close, as a crashed or overloaded server's peer sees it. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(FaultyRelay::reset);
        threads.shutdownNow();
    }
}
