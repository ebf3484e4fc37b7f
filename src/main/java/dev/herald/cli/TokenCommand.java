package dev.herald.cli;

import dev.herald.hub.HeraldHome;
import dev.herald.ingress.Ingress;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/**
 * {@code herald token [--rotate]}: prints the HTTP listener's bearer token (made on first use, in
 * {@code HERALD_HOME/token}, 0600); {@code --rotate} replaces it first, and the old one stops
 * working at once. Runs on the main thread.
 */
final class TokenCommand {
    private TokenCommand() {
        throw new AssertionError();
    }

    static Exit run(String[] argv, PrintStream out, Map<String, String> env) throws CliException {
        Args args = Args.parse(argv, 1, Set.of(), Set.of("--rotate"));
        if (!args.words.isEmpty()) {
            throw CliException.usage("unexpected " + args.words.get(0));
        }
        try {
            HeraldHome home = HeraldHome.open(HeraldHome.locate(env));
            out.println(args.flag("--rotate") ? Ingress.rotateToken(home) : Ingress.token(home));
            return Exit.OK;
        } catch (HeraldHome.UnusableException e) {
            throw new CliException(Exit.FAILED, e.getMessage());
        } catch (IOException e) {
            throw new CliException(Exit.FAILED, "cannot read or write the token: " + e.getMessage());
        }
    }
}
