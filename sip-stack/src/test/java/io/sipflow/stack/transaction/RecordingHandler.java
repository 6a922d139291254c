package io.sipflow.stack.transaction;

import io.sipflow.message.SipRequest;
import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A TU that records what the stack tells it, and optionally answers requests. */
final class RecordingHandler implements RequestHandler {
    final List<ServerTransaction> requests = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<SipRequest> cancels = new ArrayList<>();
    final List<SipResponse> ackTimeouts = new ArrayList<>();
    final List<SipResponse> strays = new ArrayList<>();
    Consumer<ServerTransaction> onRequest = tx -> {};

    @Override
    public void onRequest(ServerTransaction tx) {
        requests.add(tx);
        onRequest.accept(tx);
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        acks.add(ack);
    }

    @Override
    public void onCancel(ServerTransaction tx, SipRequest cancel) {
        cancels.add(cancel);
    }

    @Override
    public void onAckTimeout(ServerTransaction tx, SipResponse response) {
        ackTimeouts.add(response);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        strays.add(response);
    }

    ServerTransaction last() {
        return requests.get(requests.size() - 1);
    }
}
