package io.sipflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalPeersTest {
    @Test
    void findsAProgramThatIsAlwaysThere() {
        assertThat(ExternalPeers.find("sh")).isPresent();
        assertThat(ExternalPeers.require("sh", "dash")).isAbsolute();
    }

    @Test
    void doesNotFindANonexistentProgram() {
        assertThat(ExternalPeers.find("no-such-program-sipflow-xyz")).isEmpty();
    }
}
