package io.sipflow.stack.transaction;

import io.sipflow.stack.transport.Flow;
import io.sipflow.stack.transport.ListenPoint;
import io.sipflow.stack.transport.Transport;
import java.net.InetSocketAddress;

/** A flow for tests: no socket behind it. */
record TestFlow(Transport transport, ListenPoint listenPoint, InetSocketAddress localAddress,
        InetSocketAddress remoteAddress, boolean open) implements Flow {

    static TestFlow udp(String remoteHost, int remotePort) {
        return of(Transport.UDP, remoteHost, remotePort);
    }

    static TestFlow of(Transport t, String remoteHost, int remotePort) {
        ListenPoint lp = ListenPoint.of(t, "192.0.2.1", 5060);
        return new TestFlow(t, lp, lp.bindAddress(), new InetSocketAddress(remoteHost, remotePort), true);
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
