package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.header.Parameters;
import io.sipflow.message.header.Via;
import io.sipflow.message.internal.Lexer;
import io.sipflow.message.uri.AbsoluteUri;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.TelUri;
import io.sipflow.message.uri.Uri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random valid requests and responses: written out with random (valid) layout — compact and
 * odd-case names, folding, white space around separators, quoted-pair escapes, header order —
 * then parsed, validated, and compared with the values they were made of; the parsed message
 * re-serializes byte-identical, an edited copy and a message built in code re-parse to the
 * same values, and the stream decoder frames it like the datagram parser.
 */
class RoundTripProperties {
    // ------------------------------------------------------------------ the model

    /** What a message is made of; {@code layoutSeed} drives how it is written. */
    record Model(boolean request, String method, Uri requestUri, int status, String reason, List<Via> vias,
            Address from, Address to, String callId, long cseq, int maxForwards, List<Address> contacts,
            List<String[]> unknown, byte[] body, long layoutSeed) {}

    static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
    static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()";

    static Arbitrary<String> token(int max) {
        return Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1).ofMaxLength(max);
    }

    static Arbitrary<String> alnum(int min, int max) {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(min).ofMaxLength(max);
    }

    /** A run of characters from {@code chars} and %HH escapes (§25.1 escaped). */
    static Arbitrary<String> escaped(String chars, int min, int max) {
        Arbitrary<String> plain = Arbitraries.of(chars.chars().mapToObj(c -> String.valueOf((char) c)).toList());
        Arbitrary<String> esc = Arbitraries.integers().between(0, 255).map(b -> String.format("%%%02X", b));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(1, esc))
                .list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
    }

    static Arbitrary<String> domain() {
        Arbitrary<String> label = Combinators.combine(Arbitraries.chars().range('a', 'z'), alnum(0, 6),
                Arbitraries.of("", "-x", "-9")).as((a, b, c) -> a + b + c);
        return label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    }

    static Arbitrary<String> ipv4() {
        return Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    }

    /** An IPv6 address without brackets: full, compressed, or IPv4-mapped. */
    static Arbitrary<String> ipv6() {
        Arbitrary<String> group = Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString);
        Arbitrary<String> full = group.list().ofSize(8).map(l -> String.join(":", l));
        Arbitrary<String> compressed = Combinators.combine(group.list().ofMinSize(0).ofMaxSize(3), group.list().ofMinSize(0).ofMaxSize(3))
                .as((a, b) -> String.join(":", a) + "::" + String.join(":", b));
        Arbitrary<String> mapped = ipv4().map(v4 -> "::ffff:" + v4);
        return Arbitraries.oneOf(full, compressed, mapped);
    }

    static Arbitrary<String> host() {
        return Arbitraries.oneOf(domain(), ipv4(), ipv6().map(a -> "[" + a + "]"));
    }

    static Arbitrary<Integer> port() {
        return Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 65535));
    }

    /** Parameters with distinct names (case-insensitively), from name and value arbitraries. */
    static Arbitrary<Parameters> params(Arbitrary<String> names, Arbitrary<String> values, int max) {
        Arbitrary<String[]> pair = Combinators.combine(names, Arbitraries.oneOf(Arbitraries.just((String) null), values))
                .as((n, v) -> new String[] {n, v});
        return pair.list().ofMinSize(0).ofMaxSize(max).map(list -> {
            Set<String> seen = new HashSet<>();
            List<String> flat = new ArrayList<>();
            for (String[] p : list) {
                if (seen.add(p[0].toLowerCase(Locale.ROOT))) {
                    flat.add(p[0]);
                    flat.add(p[1]);
                }
            }
            return Parameters.of(flat.toArray(String[]::new));
        });
    }

    static Arbitrary<Parameters> uriParams() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("transport", "lr", "user", "maddr", "ttl", "method"),
                escaped(UNRESERVED + "[]/:&+$", 1, 6));
        return params(names, escaped(UNRESERVED + "[]/:&+$", 1, 8), 3);
    }

    static Arbitrary<SipUri> sipUri() {
        Arbitrary<String> user = Arbitraries.oneOf(Arbitraries.just((String) null), escaped(UNRESERVED + "&=+$,;?/", 1, 10));
        Arbitrary<String> password = Arbitraries.oneOf(Arbitraries.just((String) null), escaped(UNRESERVED + "&=+$,", 0, 6));
        Arbitrary<String> hnv = escaped(UNRESERVED + "[]/?:+$", 1, 8);
        Arbitrary<String> headers = Arbitraries.oneOf(Arbitraries.just((String) null),
                Combinators.combine(hnv, hnv).as((n, v) -> n + "=" + v).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join("&", l)));
        return Combinators.combine(Arbitraries.of(true, false), user, password, host(), port(), uriParams(), headers)
                .as((secure, u, pw, h, p, params, hd) -> new SipUri(secure, u, u == null ? null : pw, h, p, params, hd));
    }

    static Arbitrary<Uri> uri() {
        Arbitrary<TelUri> tel = Combinators.combine(
                Arbitraries.strings().withChars("0123456789-.()").ofMinLength(1).ofMaxLength(12).filter(s -> s.matches(".*\\d.*")),
                Arbitraries.of("+", ""),
                params(Arbitraries.of("ext", "isub", "phone-context", "x-y"), escaped(UNRESERVED, 1, 6), 2))
                .as((digits, plus, p) -> new TelUri(plus + digits, p));
        Arbitrary<AbsoluteUri> abs = Combinators.combine(
                Arbitraries.of("urn", "http", "mailto", "nobodyknowsthisscheme", "soap.beep", "x-1+a"),
                Arbitraries.strings().withChars(UNRESERVED + ":/?=&%@").ofMinLength(1).ofMaxLength(20))
                .as(AbsoluteUri::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, sipUri().map(u -> (Uri) u)),
                net.jqwik.api.Tuple.of(1, tel.map(u -> (Uri) u)), net.jqwik.api.Tuple.of(1, abs.map(u -> (Uri) u)));
    }

    /** Display names: none, token words, or anything printable (quoted, escaped as needed). */
    static Arbitrary<String> displayName() {
        Arbitrary<String> words = token(8).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" ", l));
        Arbitrary<String> any = Arbitraries.strings()
                .withChars("abc XYZ\"\\,;<>:@\t\u0000\u0007\u007fäé日本€")
                .ofMinLength(0).ofMaxLength(16);
        return Arbitraries.oneOf(Arbitraries.just((String) null), words, any);
    }

    /** Header parameters: tokens, quoted strings (kept raw), flags. */
    static Arbitrary<Parameters> headerParams(Arbitrary<String> extraNames) {
        Arbitrary<String> quoted = Arbitraries.strings().withChars("ab ;,=\"\\<>:日").ofMaxLength(8).map(Lexer::quote);
        Arbitrary<String> value = Arbitraries.oneOf(token(10), quoted);
        return params(Arbitraries.oneOf(token(8), extraNames), value, 3);
    }

    static Arbitrary<Address> address(boolean withTag) {
        Arbitrary<Parameters> p = headerParams(Arbitraries.of("expires", "q", "x"));
        return Combinators.combine(displayName(), uri(), p, token(12)).as((dn, u, params, tag) -> {
            Parameters all = withTag ? params.with("tag", tag) : params;
            return Address.of(dn, u, all);
        });
    }

    static Arbitrary<Via> via() {
        Arbitrary<String> transport = Arbitraries.oneOf(Arbitraries.of("UDP", "TCP", "TLS", "SCTP", "WS", "WSS"), token(6));
        Arbitrary<String> received = Arbitraries.oneOf(ipv4(), ipv6(), ipv6().map(a -> "[" + a + "]"));
        Arbitrary<Parameters> extra = params(token(6), token(8), 2);
        return Combinators.combine(transport, host(), port(), token(12), received.injectNull(0.5),
                Arbitraries.integers().between(-2, 65535), extra)
                .as((t, h, p, branch, rec, rport, ex) -> {
                    Parameters params = Parameters.of("branch", "z9hG4bK" + branch);
                    if (rec != null) params = params.with("received", rec);
                    if (rport == -1) params = params.with("rport", null);
                    else if (rport >= 0) params = params.with("rport", Integer.toString(rport));
                    for (int i = 0; i < ex.size(); i++) {
                        if (!params.has(ex.name(i))) params = params.with(ex.name(i), ex.rawValue(i));
                    }
                    return new Via("SIP", "2.0", t, h, p, params);
                });
    }

    static Arbitrary<String> callId() {
        Arbitrary<String> word = Arbitraries.strings().withChars(UNRESERVED + "%+`<>:\\\"/[]?{}").ofMinLength(1).ofMaxLength(16);
        return Combinators.combine(word, word.injectNull(0.5)).as((a, b) -> b == null ? a : a + "@" + b);
    }

    static Arbitrary<List<String[]>> unknownHeaders() {
        Arbitrary<String> name = token(12).map(t -> "X-" + t);
        Arbitrary<String> word = Arbitraries.strings().withChars("abcXYZ019;,=<>\"'()[]{}\\/:@?!#$%&*+.~^`|äöü€日本")
                .ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> value = word.list().ofMinSize(0).ofMaxSize(4).map(l -> String.join(" ", l));
        return Combinators.combine(name, value).as((n, v) -> new String[] {n, v}).list().ofMaxSize(4)
                .uniqueElements(h -> h[0].toLowerCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<Model> messages() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE,
                SipMethod.CANCEL, SipMethod.OPTIONS, SipMethod.REGISTER, SipMethod.SUBSCRIBE, SipMethod.NOTIFY,
                SipMethod.MESSAGE, SipMethod.INFO), token(12));
        Arbitrary<String> reason = Arbitraries.strings().withChars("abc XYZ019-.!'äё日").ofMaxLength(20).map(String::strip);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(200);
        Arbitrary<List<Address>> contacts = Arbitraries.oneOf(address(false).list().ofMaxSize(3),
                Arbitraries.just(List.of(Address.WILDCARD)));
        Arbitrary<Object[]> head = Combinators.combine(Arbitraries.of(true, false), method, uri(),
                Arbitraries.integers().between(100, 699), reason, via().list().ofMinSize(1).ofMaxSize(4))
                .as((rq, m, u, st, rs, vs) -> new Object[] {rq, m, u, st, rs, vs});
        Arbitrary<Object[]> tail = Combinators.combine(address(true), address(false).flatMap(a ->
                Arbitraries.of(a, a.withTag("totag"))), callId(), Arbitraries.longs().between(0, CSeq.MAX),
                Arbitraries.integers().between(0, 255), contacts, unknownHeaders(), body)
                .as((f, t, c, s, mf, ct, uh, b) -> new Object[] {f, t, c, s, mf, ct, uh, b});
        return Combinators.combine(head, tail, Arbitraries.longs()).as((h, t, seed) -> {
            @SuppressWarnings("unchecked")
            List<Via> vias = (List<Via>) h[5];
            @SuppressWarnings("unchecked")
            List<Address> cs = (List<Address>) t[5];
            @SuppressWarnings("unchecked")
            List<String[]> uh = (List<String[]>) t[6];
            return new Model((Boolean) h[0], (String) h[1], (Uri) h[2], (Integer) h[3], (String) h[4], vias,
                    (Address) t[0], (Address) t[1], (String) t[2], (Long) t[3], (Integer) t[4], cs, uh, (byte[]) t[7],
                    seed);
        });
    }

    // ------------------------------------------------------------------ writing a model with a random layout

    static final class Writer {
        final Random rnd;
        final StringBuilder sb = new StringBuilder();

        Writer(long seed) {
            rnd = new Random(seed);
        }

        boolean chance(int percent) {
            return rnd.nextInt(100) < percent;
        }

        /** Optional white space (SWS): nothing, spaces/tabs, or a fold. */
        String sws() {
            int r = rnd.nextInt(10);
            return r < 6 ? "" : r < 8 ? " " : r < 9 ? " \t " : "\r\n ";
        }

        /** Mandatory LWS: a space, several, or a fold. */
        String lws() {
            int r = rnd.nextInt(10);
            return r < 7 ? " " : r < 9 ? "  " : "\r\n\t";
        }

        String name(String... spellings) {
            return spellings[rnd.nextInt(spellings.length)];
        }

        String params(Parameters p) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < p.size(); i++) {
                out.append(sws()).append(';').append(sws()).append(p.name(i));
                if (p.rawValue(i) != null) out.append(sws()).append('=').append(sws()).append(p.rawValue(i));
            }
            return out.toString();
        }

        /** A quoted-string for {@code s}: required escapes, plus random needless ones. */
        String quoted(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean must = c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f;
                if (must || chance(10)) out.append('\\');
                out.append(c);
            }
            return out.append('"').toString();
        }

        String address(Address a) {
            if (a.isWildcard()) return "*";
            String uri = a.uri().toString();
            String dn = a.displayName();
            boolean tokens = dn != null && !dn.isEmpty() && dn.chars().allMatch(c -> c == ' ' || Lexer.isTokenChar(c))
                    && !dn.startsWith(" ") && !dn.endsWith(" ") && !dn.contains("  ");
            boolean specOk = dn == null && uri.indexOf(';') < 0 && uri.indexOf('?') < 0 && uri.indexOf(',') < 0;
            StringBuilder out = new StringBuilder();
            if (specOk && chance(40)) {
                out.append(uri); // addr-spec form (§20.10)
            } else {
                if (dn != null) {
                    out.append(tokens && chance(50) ? dn : quoted(dn));
                    out.append(chance(70) ? " " : chance(50) ? "" : "  ");
                }
                out.append('<').append(uri).append('>');
            }
            return out.append(params(a.params())).toString();
        }

        String via(Via v) {
            String t = chance(20) ? v.transport().toLowerCase(Locale.ROOT) : v.transport();
            String hp = v.host() + (v.port() >= 0 ? sws() + ":" + sws() + v.port() : "");
            return v.protocolName() + sws() + "/" + sws() + v.protocolVersion() + sws() + "/" + sws() + t + lws() + hp
                    + params(v.params());
        }

        /** Values joined as one comma-separated line. */
        String list(List<String> values) {
            StringBuilder out = new StringBuilder();
            for (String v : values) {
                if (!out.isEmpty()) out.append(sws()).append(',').append(sws());
                out.append(v);
            }
            return out.toString();
        }

        /** Splits values over one or more lines of the header (in order). */
        List<String> lines(List<String> values) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < values.size()) {
                int n = 1 + rnd.nextInt(values.size() - i);
                out.add(list(values.subList(i, i + n)));
                i += n;
            }
            return out;
        }

        String line(String name, String value) {
            return name + (chance(20) ? " " : "") + ":" + (value.isEmpty() ? "" : chance(10) ? "\r\n " : chance(80) ? " " : "")
                    + value;
        }
    }

    static byte[] write(Model m) {
        Writer w = new Writer(m.layoutSeed());
        List<String> vias = new ArrayList<>();
        for (String l : w.lines(m.vias().stream().map(w::via).toList())) vias.add(w.line(w.name("Via", "v", "VIA", "via"), l));
        List<String> other = new ArrayList<>();
        other.add(w.line(w.name("From", "f", "FROM"), w.address(m.from())));
        other.add(w.line(w.name("To", "t", "tO"), w.address(m.to())));
        other.add(w.line(w.name("Call-ID", "i", "call-id"), m.callId()));
        String zeros = w.chance(10) ? "00" : "";
        String cseqMethod = m.request() ? m.method() : m.method();
        other.add(w.line(w.name("CSeq", "cseq"), zeros + m.cseq() + w.lws() + cseqMethod));
        if (m.request()) other.add(w.line(w.name("Max-Forwards", "max-forwards"), zeros + m.maxForwards()));
        List<String> contacts = new ArrayList<>();
        if (!m.contacts().isEmpty()) {
            for (String l : w.lines(m.contacts().stream().map(w::address).toList())) {
                contacts.add(w.line(w.name("Contact", "m"), l));
            }
        }
        for (String[] h : m.unknown()) {
            String v = w.chance(20) ? h[1].replace(" ", w.chance(50) ? "\r\n " : "\r\n\t") : h[1];
            other.add(w.line(h[0], v));
        }
        if (m.body().length > 0) other.add(w.line(w.name("Content-Type", "c"), "application/octet-stream"));
        other.add(w.line(w.name("Content-Length", "l"), zeros + m.body().length));
        // random order; the Via lines and the Contact lines keep their relative order
        List<String> lines = new ArrayList<>(other);
        java.util.Collections.shuffle(lines, w.rnd);
        for (List<String> ordered : List.of(vias, contacts)) {
            int at = 0;
            for (String v : ordered) {
                at = at + w.rnd.nextInt(lines.size() - at + 1);
                lines.add(at++, v);
            }
        }
        StringBuilder sb = new StringBuilder();
        if (m.request()) sb.append(m.method()).append(' ').append(m.requestUri()).append(" SIP/2.0\r\n");
        else sb.append("SIP/2.0 ").append(m.status()).append(' ').append(m.reason()).append("\r\n");
        for (String l : lines) sb.append(l).append("\r\n");
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(m.body());
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ checks

    static void assertMatches(SipMessage p, Model m, List<Via> extraTopVias) {
        if (m.request()) {
            SipRequest r = (SipRequest) p;
            assertThat(r.method()).isEqualTo(m.method());
            assertThat(r.requestUri()).isEqualTo(m.requestUri());
        } else {
            SipResponse r = (SipResponse) p;
            assertThat(r.status()).isEqualTo(m.status());
            assertThat(r.reasonPhrase()).isEqualTo(m.reason());
        }
        List<Via> vias = new ArrayList<>(extraTopVias);
        vias.addAll(m.vias());
        assertThat(p.vias()).isEqualTo(vias);
        assertThat(p.from()).isEqualTo(m.from());
        assertThat(p.from().displayName()).isEqualTo(m.from().displayName());
        assertThat(p.to()).isEqualTo(m.to());
        assertThat(p.callId()).isEqualTo(m.callId());
        assertThat(p.cseq()).isEqualTo(new CSeq(m.cseq(), m.method()));
        assertThat(p.maxForwards()).isEqualTo(m.request() ? m.maxForwards() : -1);
        assertThat(p.contacts()).isEqualTo(m.contacts());
        for (String[] h : m.unknown()) assertThat(p.header(h[0])).as(h[0]).isEqualTo(h[1]);
        assertThat(p.body()).isEqualTo(m.body());
        assertThat(p.contentType()).isEqualTo(m.body().length > 0 ? MediaType.of("application", "octet-stream") : null);
    }

    static SipMessage parseAndValidate(byte[] b) {
        SipMessage p = SipParser.defaults().parse(b);
        p.validate();
        return p;
    }

    @Property(tries = 600)
    void writtenMessagesParseToTheirValuesAndSerializeByteIdentical(@ForAll("messages") Model m) {
        byte[] wire = write(m);
        SipMessage p = parseAndValidate(wire);
        assertThat(p.isRequest()).isEqualTo(m.request());
        assertMatches(p, m, List.of());
        assertThat(p.toBytes()).isEqualTo(wire);
        assertThat(p.isModified()).isFalse();

        // an edited copy: untouched lines verbatim, new ones canonical, same values
        SipMessage copy = SipParser.defaults().parse(wire);
        Via mine = Via.of("TCP", "[2001:db8::1]", 5061, "z9hG4bK-rt").withReceived("2001:db8::2");
        copy.addFirst(Header.VIA, mine);
        assertMatches(parseAndValidate(copy.toBytes()), m, List.of(mine));

        // the stream decoder frames it like the datagram parser, wherever the read is split
        int split = (int) Math.floorMod(m.layoutSeed(), (long) wire.length + 1);
        List<SipMessage> out = new ArrayList<>();
        SipStreamDecoder d = new SipStreamDecoder();
        d.decode(wire, 0, split, out::add);
        d.decode(wire, split, wire.length - split, out::add);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).toBytes()).isEqualTo(wire);
        assertMatches(out.get(0), m, List.of());
    }

    @Property(tries = 400)
    void messagesBuiltInCodeRoundTrip(@ForAll("messages") Model m) {
        SipMessage built;
        if (m.request()) {
            SipRequest r = SipRequest.create(m.method(), m.requestUri(), m.from(), m.to(), m.callId(), m.cseq(), m.vias().get(0));
            r.set(Header.MAX_FORWARDS, m.maxForwards());
            built = r;
        } else {
            built = new SipResponse(m.status(), m.reason());
            built.add(Header.VIA, m.vias().get(0));
            built.set(Header.FROM, m.from());
            built.set(Header.TO, m.to());
            built.set(Header.CALL_ID, m.callId());
            built.set(Header.CSEQ, new CSeq(m.cseq(), m.method()));
        }
        for (Via v : m.vias().subList(1, m.vias().size())) built.add(Header.VIA, v);
        for (Address c : m.contacts()) built.add(Header.CONTACT, c);
        for (String[] h : m.unknown()) built.addHeader(h[0], h[1]);
        if (m.body().length > 0) built.setBody(m.body(), MediaType.of("application", "octet-stream"));
        else built.set(Header.CONTENT_LENGTH, 0);
        built.validate();
        byte[] wire = built.toBytes();
        SipMessage p = parseAndValidate(wire);
        assertMatches(p, m, List.of());
        assertThat(p.toBytes()).isEqualTo(wire);
        assertThat(p.toString()).isEqualTo(built.toString());
    }
}
