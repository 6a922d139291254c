package io.sipflow.srf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live dialogs, found by RFC 3261 §12 identifier (Call-ID, local tag, remote tag), by id, or by Call-ID. */
final class DialogRegistry {
    private final ConcurrentHashMap<DialogIds, Dialog> byIds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Dialog> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<Dialog>> byCallId = new ConcurrentHashMap<>();

    void add(Dialog d) {
        byIds.put(d.sip(), d);
        byId.put(d.id(), d);
        byCallId.compute(d.callId(), (k, l) -> {
            List<Dialog> n = l == null ? new ArrayList<>(1) : new ArrayList<>(l);
            n.add(d);
            return List.copyOf(n);
        });
    }

    void remove(Dialog d) {
        byIds.remove(d.sip(), d);
        byId.remove(d.id(), d);
        byCallId.computeIfPresent(d.callId(), (k, l) -> {
            List<Dialog> n = new ArrayList<>(l);
            n.remove(d);
            return n.isEmpty() ? null : List.copyOf(n);
        });
    }

    Dialog find(String callId, String localTag, String remoteTag) {
        if (callId == null || localTag == null || remoteTag == null) return null;
        return byIds.get(new DialogIds(callId, localTag, remoteTag));
    }

    Optional<Dialog> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Dialogs of the call where {@code tag} is either side's tag; confirmed ones first. */
    Optional<Dialog> byCallIdAndTag(String callId, String tag) {
        List<Dialog> l = byCallId.get(callId);
        if (l == null) return Optional.empty();
        Dialog early = null;
        for (Dialog d : l) {
            DialogIds ids = d.sip();
            if (tag.equals(ids.localTag()) || tag.equals(ids.remoteTag())) {
                if (d.connected()) return Optional.of(d);
                if (early == null) early = d;
            }
        }
        return Optional.ofNullable(early);
    }

    List<Dialog> all() {
        return List.copyOf(byId.values());
    }

    int size() {
        return byId.size();
    }
}
