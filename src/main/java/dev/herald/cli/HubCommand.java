package dev.herald.cli;

import dev.herald.Options;
import dev.herald.Signals;
import dev.herald.hub.HeraldHome;
import dev.herald.hub.Hub;
import dev.herald.hub.HubLock;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code herald hub [--retention-days N] [--retention-events N] [--sender-rate N] [--sender-burst N]}:
 * a dedicated hub in the foreground until SIGTERM or SIGINT. Refuses, naming the holder, when
 * another process is the hub already.
 */
final class HubCommand {
    private HubCommand() {
        throw new AssertionError();
    }

    static Exit run(String[] argv, PrintStream out, Map<String, String> env) throws CliException {
        String[] rest = java.util.Arrays.copyOfRange(argv, 1, argv.length);
        Options options;
        try {
            options = Options.parseCommandLine(rest);
        } catch (Options.UsageException e) {
            throw CliException.usage(e.getMessage());
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
            CountDownLatch stop = new CountDownLatch(1);
            Signals.onTerminate(() -> {
                hub.close();
                lock.close();
                stop.countDown();
            });
            out.println("Herald hub for " + home.dir() + " (pid " + ProcessHandle.current().pid() + "), socket " + home.socket());
            out.flush();
            stop.await();
            return Exit.OK;
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "cannot start the hub: " + e.getMessage());
        } catch (InterruptedException e) {
            return Exit.OK;
        }
    }
}
