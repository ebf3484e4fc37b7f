package dev.herald.ingress;

import dev.herald.hub.HeraldHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token in {@code HERALD_HOME/token}: 0600, made on first use, replaced whole by a
 * rotation. Read from the file for every check, so a rotation applies at once. Thread-safe; the
 * file is written only through a temporary file and a link or rename, so a reader never sees it half written.
 */
final class Token {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Token() {
        throw new AssertionError();
    }

    static Path path(HeraldHome home) {
        return home.dir().resolve("token");
    }

    /** The current token, made now if there is none. */
    static String current(HeraldHome home) throws IOException {
        Path file = path(home);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!token.isEmpty()) {
                    return token;
                }
            } catch (NoSuchFileException e) {
                // made below
            }
            Path fresh = write(home);
            try {
                Files.createLink(file, fresh); // only if still absent: two first uses agree on one token
            } catch (FileAlreadyExistsException e) {
                // another process made it first: read theirs
            } finally {
                Files.deleteIfExists(fresh);
            }
        }
        throw new IOException("cannot read or make the token file " + file);
    }

    /** Replaces the token; the old one stops working at once. */
    static String rotate(HeraldHome home) throws IOException {
        Path fresh = write(home);
        Files.move(fresh, path(home), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return current(home);
    }

    private static Path write(HeraldHome home) throws IOException {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "herald_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path temp = Files.createTempFile(home.dir(), ".token", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        return temp;
    }

    /** True if the Authorization header carries this token; compared in constant time (over SHA-256 digests, so length too). */
    static boolean accepts(String expected, String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String given = authorization.substring(7).trim();
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
