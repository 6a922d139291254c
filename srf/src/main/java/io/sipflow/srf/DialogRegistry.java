package io.sipflow.srf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live dialogs, found by RFC 3261 §12 identifier (Call-ID, local tag, remote tag), by id, or
 * by Call-ID. One map entry per call, keyed by Call-ID, whose value is the dialog itself or,
 * for the rare call with several (forked early dialogs, a B2BUA calling itself), an array of
 * them: every lookup starts from the Call-ID and compares the tags, so an idle dialog costs the
 * registry one map node and no key objects of its own.
 */
final class DialogRegistry {
    /** Call-ID → {@link Dialog} or {@code Dialog[]}. */
    private final ConcurrentHashMap<String, Object> byCallId = new ConcurrentHashMap<>();

    void add(Dialog d) {
        byCallId.merge(d.callId(), d, (old, n) -> {
            Dialog[] l = dialogs(old);
            for (Dialog x : l) if (x == n) return old;
            Dialog[] more = Arrays.copyOf(l, l.length + 1);
            more[l.length] = (Dialog) n;
            return more;
        });
    }

    void remove(Dialog d) {
        byCallId.computeIfPresent(d.callId(), (k, v) -> {
            if (v == d) return null;
            if (!(v instanceof Dialog[] l)) return v;
            Dialog[] rest = Arrays.stream(l).filter(x -> x != d).toArray(Dialog[]::new);
            return rest.length == 0 ? null : rest.length == 1 ? rest[0] : rest;
        });
    }

    Dialog find(String callId, String localTag, String remoteTag) {
        if (callId == null || localTag == null || remoteTag == null) return null;
        Object v = byCallId.get(callId);
        if (v instanceof Dialog d) return d.hasTags(localTag, remoteTag) ? d : null;
        if (v == null) return null;
        for (Dialog d : (Dialog[]) v) if (d.hasTags(localTag, remoteTag)) return d;
        return null;
    }

    Optional<Dialog> byId(String id) {
        int at = id.lastIndexOf(";from-tag=");
        if (at < 0) return Optional.empty();
        for (Dialog d : dialogs(byCallId.get(id.substring(0, at)))) if (d.id().equals(id)) return Optional.of(d);
        return Optional.empty();
    }

    /** Dialogs of the call where {@code tag} is either side's tag; confirmed ones first. */
    Optional<Dialog> byCallIdAndTag(String callId, String tag) {
        Dialog early = null;
        for (Dialog d : dialogs(byCallId.get(callId))) {
            DialogIds ids = d.sip();
            if (tag.equals(ids.localTag()) || tag.equals(ids.remoteTag())) {
                if (d.connected()) return Optional.of(d);
                if (early == null) early = d;
            }
        }
        return Optional.ofNullable(early);
    }

    List<Dialog> all() {
        List<Dialog> all = new ArrayList<>();
        for (Object v : byCallId.values()) all.addAll(Arrays.asList(dialogs(v)));
        return List.copyOf(all);
    }

    int size() {
        int n = 0;
        for (Object v : byCallId.values()) n += dialogs(v).length;
        return n;
    }

    private static Dialog[] dialogs(Object v) {
        if (v == null) return new Dialog[0];
        return v instanceof Dialog d ? new Dialog[] {d} : (Dialog[]) v;
    }
}
