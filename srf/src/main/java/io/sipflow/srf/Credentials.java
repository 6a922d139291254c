package io.sipflow.srf;

import io.sipflow.message.header.DigestChallenge;
import java.util.Objects;
import java.util.Optional;

/**
 * A username and password for digest authentication (RFC 3261 §22.2, RFC 8760): given to
 * createUAC, request() or a dialog, they answer 401/407 challenges automatically.
 */
public record Credentials(String username, String password) implements CredentialsProvider {
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static Credentials of(String username, String password) {
        return new Credentials(username, password);
    }

    @Override
    public Optional<Credentials> credentialsFor(DigestChallenge challenge) {
        return Optional.of(this);
    }
}
