package io.sipflow.srf;

import io.sipflow.message.SipMethod;
import io.sipflow.message.SipRequest;
import io.sipflow.message.header.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscriptions that share one dialog (RFC 6665 §4.5.2): each is told apart by its Event
 * type and {@code id} parameter, and remembers whether this side is its notifier or its
 * subscriber (a dialog may carry both directions). A SUBSCRIBE dialog ends when its last
 * subscription ends; an INVITE dialog carrying the implicit subscriptions of REFERs (RFC 3515
 * §2.4.4, {@code refer;id=<CSeq>}) never ends with them.
 *
 * <p>Immutable, so a dialog keeps one shared empty instance until a subscription appears and
 * readers on any thread see a consistent set; changes return a new instance.
 */
final class Subscriptions {
    /** One subscription: its Event and whether we send its NOTIFYs. */
    record Entry(Event event, boolean notifier) {}

    static final Subscriptions NONE = new Subscriptions(List.of());

    private final List<Entry> entries;

    private Subscriptions(List<Entry> entries) {
        this.entries = entries;
    }

    int count() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return entries;
    }

    List<Event> events() {
        List<Event> l = new ArrayList<>(entries.size());
        for (Entry e : entries) l.add(e.event());
        return List.copyOf(l);
    }

    /** With {@code event} (a new subscription, or the refresh of one we have: unchanged). */
    Subscriptions with(Event event, boolean notifier) {
        if (event == null || exact(event) != null) return this;
        List<Entry> l = new ArrayList<>(entries);
        l.add(new Entry(event, notifier));
        return new Subscriptions(List.copyOf(l));
    }

    /** Without {@code e}'s entry. */
    Subscriptions without(Entry e) {
        if (e == null || !entries.contains(e)) return this;
        List<Entry> l = new ArrayList<>(entries);
        l.remove(e);
        return l.isEmpty() ? NONE : new Subscriptions(List.copyOf(l));
    }

    /**
     * The subscription a NOTIFY or SUBSCRIBE with {@code event} belongs to: the one with the
     * same type and id (RFC 6665 §8.2.1); failing that, one of the same type when either side
     * has no id (RFC 3515 §2.4.6 lets the NOTIFYs of a dialog's first REFER omit the id); a
     * request without Event goes to the first subscription. Null when none matches.
     */
    Entry match(Event event) {
        if (entries.isEmpty()) return null;
        if (event == null) return entries.get(0);
        Entry e = exact(event);
        if (e != null) return e;
        for (Entry x : entries) {
            if (x.event().type().equals(event.type()) && (x.event().id() == null || event.id() == null)) return x;
        }
        return null;
    }

    private Entry exact(Event event) {
        for (Entry x : entries) if (x.event().matches(event)) return x;
        return null;
    }

    /**
     * The implicit subscription an accepted REFER creates (RFC 3515 §2.4.4): {@code refer} with
     * the REFER's CSeq as id (RFC 6665 §4.5.2), or null when the REFER declined one with
     * {@code Refer-Sub: false} (RFC 4488 §4).
     */
    static Event ofRefer(SipRequest refer) {
        if (!refer.is(SipMethod.REFER)) return null;
        String sub = refer.header("Refer-Sub");
        if (sub != null && sub.trim().equalsIgnoreCase("false")) return null;
        return Event.refer(refer.cseq().seq());
    }
}
