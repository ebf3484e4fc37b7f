package dev.herald.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The lock file that makes one process the hub. The kernel releases it when the holder exits, is
 * killed or crashes, so a waiting process takes over at once. The holder writes its pid into
 * {@code hub.pid} for the others to name it: the lock file itself is never opened twice in one
 * process, since closing any descriptor of it would drop a POSIX lock. Its methods may block.
 */
public final class HubLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HubLock(FileChannel channel, FileLock lock, HeraldHome home) throws IOException {
        this.channel = channel;
        this.lock = lock;
        java.nio.file.Path tmp = home.dir().resolve("hub.pid.tmp");
        try {
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, home.dir().resolve("hub.pid"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE); // readers never see it half written
        } catch (IOException e) {
            Files.deleteIfExists(tmp); // the pid is only advisory (a full disk must not stop the hub from serving reads)
        }
    }

    /** Takes the lock if it is free now; null if another process holds it. */
    public static HubLock tryAcquire(HeraldHome home) throws IOException {
        FileChannel channel = open(home);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            return new HubLock(channel, lock, home);
        } catch (OverlappingFileLockException e) {
            channel.close(); // this process holds it already (another hub in the same JVM, in tests)
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Waits until the lock is free and takes it; an interrupt gives up (the channel closes). */
    public static HubLock acquire(HeraldHome home) throws IOException {
        FileChannel channel = open(home);
        try {
            return new HubLock(channel, channel.lock(), home);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The pid the current holder wrote, or -1 if none can be read. */
    public static long holder(HeraldHome home) {
        try {
            return Long.parseLong(Files.readString(home.dir().resolve("hub.pid")).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static FileChannel open(HeraldHome home) throws IOException {
        if (!Files.exists(home.lock())) {
            try {
                Files.createFile(home.lock(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process made it first
            }
        }
        return FileChannel.open(home.lock(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is ending, or the file is gone: the kernel frees the lock either way
        }
    }
}
