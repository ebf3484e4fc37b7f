package dev.herald.cli;

import dev.herald.Options;
import dev.herald.Signals;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.Hub;
import dev.herald.hub.HubLock;
import dev.herald.ingress.Ingress;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code herald hub [--listen HOST:PORT [--listen-public]] [--retention-days N] [--retention-events N]
 * [--sender-rate N] [--sender-burst N]}: a dedicated hub in the foreground until SIGTERM or SIGINT,
 * with the HTTP listener when {@code --listen} (or {@code HERALD_LISTEN}) names an address. Refuses,
 * naming the holder, when another process is the hub already. Runs on the main thread.
 */
final class HubCommand {
    private HubCommand() {
        throw new AssertionError();
    }

    static Exit run(String[] argv, PrintStream out, PrintStream err, Map<String, String> env) throws CliException {
        String listen = env.get("HERALD_LISTEN");
        boolean open = false;
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("--listen-public")) {
                open = true;
            } else if (arg.startsWith("--listen=")) {
                listen = arg.substring("--listen=".length());
            } else if (arg.equals("--listen")) {
                if (++i == argv.length) {
                    throw CliException.usage("missing value for --listen");
                }
                listen = argv[i];
            } else {
                rest.add(arg);
            }
        }
        Options options;
        try {
            options = Options.parseCommandLine(rest.toArray(String[]::new));
        } catch (Options.UsageException e) {
            throw CliException.usage(e.getMessage());
        }
        InetSocketAddress address = listen == null || listen.isBlank() ? null : address(listen.trim());
        boolean loopback = address == null || address.getAddress().isLoopbackAddress();
        if (!loopback && !open) {
            throw CliException.usage(listen + " is not a loopback address; add --listen-public to let other hosts reach the listener");
        }
        HeraldHome home;
        try {
            home = HeraldHome.open(HeraldHome.locate(env));
        } catch (HeraldHome.UnusableException e) {
            throw new CliException(Exit.FAILED, e.getMessage());
        }
        try {
            HubLock lock = HubLock.tryAcquire(home);
            if (lock == null) {
                long pid = HubLock.holder(home);
                throw new CliException(Exit.FAILED, "another Herald process" + (pid > 0 ? " (pid " + pid + ")" : "")
                        + " is already the hub for " + home.dir() + "; stop it first, or leave it be: it serves everyone");
            }
            Hub hub = Hub.start(home, options.events().settings(), Instant::now);
            Ingress ingress = null;
            if (address != null) {
                try {
                    ingress = Ingress.start(hub, home, address);
                } catch (IOException e) {
                    hub.close();
                    lock.close();
                    throw new CliException(Exit.FAILED, "cannot serve HTTP on " + listen + ": " + e.getMessage());
                }
            }
            Ingress http = ingress;
            CountDownLatch stop = new CountDownLatch(1);
            Signals.onTerminate(() -> {
                if (http != null) {
                    http.close();
                }
                hub.close();
                lock.close();
                stop.countDown();
            });
            out.println("Herald hub for " + home.dir() + " (pid " + ProcessHandle.current().pid() + "), socket " + home.socket());
            if (http != null) {
                String where = hostPort(address.getAddress(), http.address().getPort());
                out.println("HTTP listener on http://" + where);
                if (!loopback) {
                    err.println("herald hub: warning: the HTTP listener on " + where + " is open to every host that can reach "
                            + (address.getAddress().isAnyLocalAddress() ? "any address of this machine" : address.getAddress().getHostAddress())
                            + "; they still need the token or a signature, but the traffic is plain HTTP (put TLS in front of it)");
                }
            }
            out.flush();
            stop.await();
            return Exit.OK;
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "cannot start the hub: " + e.getMessage());
        } catch (InterruptedException e) {
            return Exit.OK;
        }
    }

    /** {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (loopback); port 0 picks a free one. */
    static InetSocketAddress address(String text) throws CliException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw CliException.usage("--listen takes HOST:PORT, for example 127.0.0.1:8788, not " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw CliException.usage("--listen takes a port from 0 to 65535, not " + text.substring(colon + 1));
        }
        try {
            return new InetSocketAddress(host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw CliException.usage("--listen: unknown host " + host);
        }
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
