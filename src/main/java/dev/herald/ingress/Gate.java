package dev.herald.ingress;

import com.sun.net.httpserver.HttpExchange;
import dev.herald.hub.HeraldHome;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bearer-token check, done before a byte of the body is read. Thread-safe; runs on each request's thread. */
final class Gate {
    private static final Logger log = LoggerFactory.getLogger(Gate.class);

    private final HeraldHome home;

    Gate(HeraldHome home) {
        this.home = home;
    }

    void bearer(HttpExchange x) throws Refusal {
        String token;
        try {
            token = Token.current(home);
        } catch (IOException e) {
            log.warn("Cannot read the token file {}: {}", Token.path(home), e.getMessage());
            throw Refusal.of(Failure.UNAVAILABLE, "the listener cannot read its token file");
        }
        if (!Token.accepts(token, x.getRequestHeaders().getFirst("Authorization"))) {
            throw Refusal.unauthorized();
        }
    }
}
