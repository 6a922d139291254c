package io.sipflow.stack.transaction;

import io.sipflow.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** Records responses as "kind:status". */
class RecordingListener implements ResponseListener {
    final List<String> events = new ArrayList<>();
    final List<SipResponse> responses = new ArrayList<>();

    @Override
    public void onProvisional(ClientTransaction tx, SipResponse response) {
        events.add("provisional:" + response.status());
        responses.add(response);
    }

    @Override
    public void onFinal(ClientTransaction tx, SipResponse response) {
        events.add("final:" + response.status());
        responses.add(response);
    }

    @Override
    public void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {
        events.add("additional:" + response.status());
        responses.add(response);
    }
}
