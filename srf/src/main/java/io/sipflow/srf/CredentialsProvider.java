package io.sipflow.srf;

import io.sipflow.message.header.DigestChallenge;
import java.util.Optional;

/** Chooses credentials for a challenge (e.g. by realm); empty gives up and the 401/407 is final. */
@FunctionalInterface
public interface CredentialsProvider {
    Optional<Credentials> credentialsFor(DigestChallenge challenge);
}
