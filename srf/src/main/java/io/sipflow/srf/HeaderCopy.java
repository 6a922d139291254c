package io.sipflow.srf;

import io.sipflow.message.Header;
import io.sipflow.message.SipMessage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers a B2BUA copies from one leg's message to the other's (drachtio's
 * proxyRequestHeaders / proxyResponseHeaders): a list of names, or {@code "all"} first with
 * {@code "-Name"} exclusions. Headers that belong to one hop, transaction or dialog are never
 * copied: the B2BUA is the UA on each leg (RFC 3261 §8.1.1, §12).
 */
final class HeaderCopy {
    /** Never copied: transaction, dialog, routing and framing (RFC 3261 §8.1.1, §16, §20.14). */
    private static final Set<String> NEVER = Set.of("via", "from", "to", "call-id", "cseq", "contact", "route",
            "record-route", "max-forwards", "content-length", "rseq", "rack", "authorization", "proxy-authorization",
            "www-authenticate", "proxy-authenticate");
    /** Not copied by "all": this UA's own capabilities and body description (RFC 3262, RFC 4028). */
    private static final Set<String> NOT_BY_ALL = Set.of("content-type", "supported", "require", "allow",
            "session-expires", "min-se", "content-disposition", "content-encoding", "mime-version");

    private HeaderCopy() {}

    /** Header name → value (several lines of one header joined with ", ") to apply on the other leg. */
    static Map<String, String> copy(SipMessage from, List<String> spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (from == null || spec == null || spec.isEmpty()) return out;
        boolean all = spec.get(0).equalsIgnoreCase("all");
        Set<String> wanted = new HashSet<>();
        Set<String> excluded = new HashSet<>();
        for (int i = all ? 1 : 0; i < spec.size(); i++) {
            String s = spec.get(i).trim();
            if (s.startsWith("-")) excluded.add(canonical(s.substring(1)).toLowerCase(Locale.ROOT));
            else wanted.add(canonical(s).toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < from.headerCount(); i++) {
            String name = canonical(from.headerName(i));
            String key = name.toLowerCase(Locale.ROOT);
            if (NEVER.contains(key) || excluded.contains(key)) continue;
            if (all ? NOT_BY_ALL.contains(key) : !wanted.contains(key)) continue;
            out.merge(name, from.headerValue(i), (a, b) -> a + ", " + b);
        }
        return out;
    }

    /** For in-dialog relays (INFO, MESSAGE): every end-to-end header, the body's type included. */
    static Map<String, String> endToEnd(SipMessage from) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < from.headerCount(); i++) {
            String name = canonical(from.headerName(i));
            String key = name.toLowerCase(Locale.ROOT);
            if (NEVER.contains(key) || key.equals("session-expires") || key.equals("min-se") || key.equals("supported")
                    || key.equals("require") || key.equals("allow") || key.equals("user-agent") || key.equals("server")) {
                continue;
            }
            out.merge(name, from.headerValue(i), (a, b) -> a + ", " + b);
        }
        return out;
    }

    /** The full name of a compact or differently-cased known header; unknown names as given. */
    private static String canonical(String name) {
        Header<?> h = Header.forName(name);
        return h != null ? h.name() : name;
    }
}
