package io.sipflow.stack.transaction;

import io.sipflow.message.SipResponse;
import io.sipflow.stack.transport.Flow;
import java.util.ArrayList;
import java.util.List;

/** Records what a client transaction tells its user, as "event:status" strings. */
final class RecordingUser implements ClientTransactionUser {
    final List<String> events = new ArrayList<>();

    @Override
    public void provisional(SipResponse response, Flow flow) {
        events.add("provisional:" + response.status());
    }

    @Override
    public void finalResponse(SipResponse response, Flow flow) {
        events.add("final:" + response.status());
    }

    @Override
    public void additionalSuccess(SipResponse response, Flow flow) {
        events.add("additional:" + response.status());
    }

    @Override
    public void timedOut() {
        events.add("timeout");
    }

    @Override
    public void transportFailed(Throwable cause) {
        events.add("transport-error");
    }

    @Override
    public void timerCFired() {
        events.add("timer-c");
    }
}
