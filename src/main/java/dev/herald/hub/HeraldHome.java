package dev.herald.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The state directory {@code HERALD_HOME} (default {@code ~/.local/state/herald}): created 0700,
 * refused when another user owns it or anyone else may write to it. Names the files inside it.
 * Immutable once opened.
 */
public record HeraldHome(Path dir) {
    /** Longest socket path the kernel takes (sun_path, less its terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    /** Thrown when the directory cannot be used; the message says why and what to do. */
    public static final class UnusableException extends Exception {
        public UnusableException(String message) {
            super(message, null, false, false);
        }
    }

    /** The directory the environment names: {@code HERALD_HOME}, else {@code $XDG_STATE_HOME/herald}, else {@code ~/.local/state/herald}. */
    public static Path locate(Map<String, String> env) {
        String home = env.get("HERALD_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state, "herald").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "herald");
    }

    /** Creates the directory if needed and checks it is the user's alone. */
    public static HeraldHome open(Path dir) throws UnusableException {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!owner.equals(self)) {
                throw new UnusableException(dir + " belongs to another user (uid " + owner + "); set HERALD_HOME to a directory of your own");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new UnusableException(dir + " may be written by other users (" + PosixFilePermissions.toString(perms)
                        + "); run chmod 700 on it");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new UnusableException(dir + " cannot be used: " + e.getMessage());
        }
        HeraldHome home = new HeraldHome(dir);
        if (home.socket().toString().length() > MAX_SOCKET_PATH) {
            throw new UnusableException("the path " + home.socket() + " is too long for a Unix socket; choose a shorter HERALD_HOME");
        }
        return home;
    }

    public Path socket() {
        return dir.resolve("hub.sock");
    }

    public Path lock() {
        return dir.resolve("hub.lock");
    }

    public Path journal() {
        return dir.resolve("journal");
    }

    /** Inbox cursors: an append-only log of "inbox delivered up to id". */
    public Path cursors() {
        return dir.resolve("inboxes.log");
    }
}
