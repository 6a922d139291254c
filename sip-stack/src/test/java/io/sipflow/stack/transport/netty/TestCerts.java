package io.sipflow.stack.transport.netty;

import io.sipflow.testkit.TestCertificates;

/** The TLS identities of the transport tests, made with testkit's {@link TestCertificates}. */
final class TestCerts {
    private static TestCertificates.Identity stranger;

    private TestCerts() {}

    /** CN=localhost with SAN dns:localhost, ip:127.0.0.1, ip:::1. */
    static TestCertificates.Identity localhost() {
        return TestCertificates.localhost();
    }

    /** Another self-signed identity that nobody trusts, also valid for localhost. */
    static synchronized TestCertificates.Identity stranger() {
        if (stranger == null) stranger = TestCertificates.generate("stranger", "SAN=dns:localhost,ip:127.0.0.1,ip:::1");
        return stranger;
    }
}
