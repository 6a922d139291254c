package io.sipflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.sipflow.message.Torture.Entry;
import io.sipflow.message.header.Address;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.header.Via;
import io.sipflow.message.uri.AbsoluteUri;
import io.sipflow.message.uri.SipUri;
import io.sipflow.message.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 4475 and RFC 5118 torture messages (test resources {@code torture/}), each run
 * through the stack's sequence: {@code SipParser.parse}, then {@code validate()}.
 *
 * <p>{@code valid} messages must be accepted; {@code invalid-must-reject} ones must fail with a
 * {@link SipParseException} whose {@link ParseProblem} is pinned below; for
 * {@code valid-but-unusual} ones the RFC allows either, and the choice is pinned and justified.
 */
class TortureTest {
    enum Stage { PARSE, VALIDATE }

    /** A pinned refusal: where it happens, what problem, which header (null: start line/framing). */
    record Reject(Stage stage, ParseProblem problem, String header) {}

    static Reject atParse(ParseProblem p, String header) {
        return new Reject(Stage.PARSE, p, header);
    }

    static Reject atValidate(ParseProblem p, String header) {
        return new Reject(Stage.VALIDATE, p, header);
    }

    /** Every refused message and exactly why. Anything not listed here must be accepted. */
    static final Map<String, Reject> REJECTED = Map.ofEntries(
            // §3.1.2.1: "Via: SIP/2.0/UDP 192.0.2.15;;,;,," — empty Via parameters and elements.
            Map.entry("rfc4475/badinv01", atValidate(ParseProblem.MALFORMED_HEADER, "Via")),
            // §3.1.2.2: Content-Length 9999 with a 150-byte body: over UDP, answer 400.
            Map.entry("rfc4475/clerr", atParse(ParseProblem.CONTENT_LENGTH_EXCEEDS_DATA, "Content-Length")),
            // §3.1.2.3: Content-Length -999 is not a number (1*DIGIT): the body cannot be framed.
            Map.entry("rfc4475/ncl", atParse(ParseProblem.BAD_CONTENT_LENGTH, "Content-Length")),
            // §3.1.2.4: "respond with a 400 Bad Request due to the CSeq error" (2^65 > 2^31-1).
            Map.entry("rfc4475/scalar02", atValidate(ParseProblem.VALUE_OUT_OF_RANGE, "CSeq")),
            // §3.1.2.5: a response with an over-large CSeq: "simply discard it".
            Map.entry("rfc4475/scalarlg", atValidate(ParseProblem.VALUE_OUT_OF_RANGE, "CSeq")),
            // §3.1.2.6: unterminated quoted display name in To.
            Map.entry("rfc4475/quotbal", atValidate(ParseProblem.MALFORMED_HEADER, "To")),
            // §3.1.2.7 (valid-but-unusual): "It is reasonable always to reject a request with this
            // error with a 400 Bad Request." "<sip:...>" is not a Request-URI (§25.1), and ignoring
            // the brackets would make a request that a proxy forwards with a rewritten start line.
            Map.entry("rfc4475/ltgtruri", atValidate(ParseProblem.MALFORMED_REQUEST_URI, "Request-URI")),
            // §3.1.2.8: "sip:user@example.com; lr" — LWS inside the Request-URI.
            Map.entry("rfc4475/lwsruri", atParse(ParseProblem.MALFORMED_START_LINE, null)),
            // §3.1.2.15 (valid-but-unusual): "It is reasonable always to reject this kind of error
            // with a 400 Bad Request response." The unquoted display names "Bell, Alexander" contain
            // a comma, which is not a token character; inferring quotes would be guesswork.
            Map.entry("rfc4475/baddn", atValidate(ParseProblem.MALFORMED_HEADER, "From")),
            // §3.1.2.16: SIP/7.0: "respond to the request with a 505 Version Not Supported error".
            Map.entry("rfc4475/badvers", atParse(ParseProblem.VERSION_NOT_SUPPORTED, null)),
            // §3.1.2.17: OPTIONS with "CSeq: 8 INVITE".
            Map.entry("rfc4475/mismatch01", atValidate(ParseProblem.CSEQ_METHOD_MISMATCH, "CSeq")),
            // §3.1.2.18: NEWMETHOD with "CSeq: 8 INVITE": "A 400 Bad Request is also acceptable".
            Map.entry("rfc4475/mismatch02", atValidate(ParseProblem.CSEQ_METHOD_MISMATCH, "CSeq")),
            // §3.1.2.19: status code 4294967301.
            Map.entry("rfc4475/bigcode", atParse(ParseProblem.BAD_STATUS_CODE, null)),
            // §3.3.1: no Call-ID, From or To; From is checked first.
            Map.entry("rfc4475/insuf", atValidate(ParseProblem.MISSING_HEADER, "From")),
            // §3.3.8: two From, To, Call-ID, CSeq and Max-Forwards lines; From is checked first.
            Map.entry("rfc4475/multi01", atValidate(ParseProblem.DUPLICATE_HEADER, "From")),
            // §3.3.9: Content-Length 13 and 5: "no way to know how many octets".
            Map.entry("rfc4475/mcl01", atParse(ParseProblem.BAD_CONTENT_LENGTH, "Content-Length")),
            // RFC 5118 §4.2: "sip:2001:db8::10" — an IPv6 address without brackets.
            Map.entry("rfc5118/ipv6-bad", atValidate(ParseProblem.MALFORMED_REQUEST_URI, "Request-URI")));

    /**
     * The valid-but-unusual messages this parser accepts, each with the RFC's words that allow
     * it. (The application above may still refuse them: 400/406/416 are its decisions.)
     */
    static final Set<String> UNUSUAL_ACCEPTED = Set.of(
            // §3.1.2.9: "An element that is liberal in what it accepts may ignore these extra SP
            // characters" (between the start-line elements).
            "rfc4475/lwsstart",
            // §3.1.2.10: trailing SP after SIP/2.0: same words as lwsstart.
            "rfc4475/trws",
            // §3.1.2.11: "An element could choose to be liberal ... and ignore the escaped
            // headers": the parser keeps them (SipUri.headers()), the application ignores them.
            "rfc4475/escruri",
            // §3.1.2.12: "an element shouldn't do that unless the contents of the Date header field
            // were actually important to its processing": Date is kept as text.
            "rfc4475/baddate",
            // §3.1.2.13: "An element choosing to be liberal ... could infer the angle brackets":
            // the addr-spec has no ';', so the whole text is the URI, headers included.
            "rfc4475/regbadct",
            // §3.1.2.14: "Elements attempting to be liberal may ignore the spaces" inside <...>.
            "rfc4475/badaspec",
            // §3.2.1: "... or it could fall back to the RFC 2543-style transaction identifier":
            // a branch of only the magic cookie is not treated as an RFC 3261 branch.
            "rfc4475/badbranch",
            // §3.3.4: "The message is syntactically valid. Parsers must not fail"; the 400 for a
            // non-SIP AOR in To is a registrar's decision.
            "rfc4475/unksm2",
            // §3.3.15: 406 or 400 for an unknown Accept with an SDP body are the UA's decision.
            "rfc4475/sdp01",
            // §3.4.1: "a legal message per RFC 2543 ... that should be accepted by RFC 3261
            // elements that want to maintain backwards compatibility" (no Max-Forwards needed
            // when the top Via has no magic cookie, no Content-Length on UDP).
            "rfc4475/inv2543",
            // RFC 5118 §4.10: "may exhibit robustness by successfully parsing the IPv6 reference".
            "rfc5118/ipv6-bug-abnf-3-colons");

    static Stream<Entry> manifest() {
        return Torture.manifest().stream();
    }

    static Stream<Entry> accepted() {
        return manifest().filter(e -> !REJECTED.containsKey(e.name()));
    }

    static SipMessage parse(byte[] b) {
        return SipParser.defaults().parse(b);
    }

    static SipMessage parse(String s) {
        return parse(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses and validates a torture message that must be accepted. */
    static SipMessage accept(String name) {
        SipMessage m = parse(Torture.bytes(name));
        m.validate();
        return m;
    }

    static SipRequest acceptRequest(String name) {
        return (SipRequest) accept(name);
    }

    // ------------------------------------------------------------------ the manifest

    @Test
    void manifestAndPinsAgree() {
        assertThat(Torture.manifest()).hasSize(61);
        for (Entry e : Torture.manifest()) {
            switch (e.expected()) {
                case "valid" -> assertThat(REJECTED).as(e.name()).doesNotContainKey(e.name());
                case "invalid-must-reject" -> assertThat(REJECTED).as(e.name()).containsKey(e.name());
                case "valid-but-unusual" -> assertThat(REJECTED.containsKey(e.name()) ^ UNUSUAL_ACCEPTED.contains(e.name()))
                        .as(e.name() + " must be pinned exactly once").isTrue();
                default -> fail("unknown expectation " + e.expected());
            }
        }
        Set<String> names = Set.copyOf(Torture.manifest().stream().map(Entry::name).toList());
        assertThat(names).containsAll(REJECTED.keySet()).containsAll(UNUSUAL_ACCEPTED);
    }

    @Test
    void resourcesAreTheExactWireBytes() throws Exception {
        // Guards against line-end conversion on checkout (see torture/.gitattributes).
        String sums = new String(Torture.resource("torture/SHA256SUMS"), StandardCharsets.US_ASCII);
        int checked = 0;
        for (String line : sums.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split("\\s+", 2);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Torture.resource("torture/" + f[1]));
            assertThat(java.util.HexFormat.of().formatHex(digest)).as(f[1]).isEqualTo(f[0]);
            checked++;
        }
        assertThat(checked).isEqualTo(Torture.manifest().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void parseThenValidateBehavesAsPinned(Entry e) {
        byte[] b = e.bytes();
        Reject reject = REJECTED.get(e.name());
        SipMessage m;
        try {
            m = parse(b);
        } catch (SipParseException x) {
            if (reject == null) throw new AssertionError(e.name() + " must be accepted", x);
            assertThat(reject.stage()).as(e.name() + " failed at parse: " + x.getMessage()).isEqualTo(Stage.PARSE);
            checkRejection(e, reject, x);
            return;
        }
        assertThat(m.isRequest()).isEqualTo(e.kind().equals("request"));
        try {
            m.validate();
        } catch (SipParseException x) {
            if (reject == null) throw new AssertionError(e.name() + " must be accepted", x);
            assertThat(reject.stage()).as(e.name() + " failed at validate: " + x.getMessage()).isEqualTo(Stage.VALIDATE);
            checkRejection(e, reject, x);
            assertThat(x.partialMessage()).isSameAs(m);
            return;
        }
        if (reject != null) fail(e.name() + " must be rejected with " + reject + " but was accepted");
    }

    private static void checkRejection(Entry e, Reject reject, SipParseException x) {
        assertThat(x.problem()).as(e.name() + ": " + x.getMessage()).isEqualTo(reject.problem());
        byte[] b = e.bytes();
        if (x.offset() >= 0 && reject.header() != null && !reject.header().equals("Request-URI")
                && x.problem() != ParseProblem.CONTENT_LENGTH_EXCEEDS_DATA) { // that one points at the body
            // The offset points into the named header's line.
            assertThat(x.offset()).isLessThan(b.length);
            String text = new String(b, StandardCharsets.ISO_8859_1);
            int lineStart = text.lastIndexOf('\n', x.offset() - 1) + 1;
            String name = text.substring(lineStart, text.indexOf(':', lineStart)).trim();
            assertThat(Header.forName(name)).as(e.name() + " offset " + x.offset()).isSameAs(Header.forName(reject.header()));
        }
        assertThat(x.headerName()).as(e.name() + " header").isEqualTo(reject.header());
        assertThat(x.statusCode()).isEqualTo(reject.problem().statusCode());
        assertThat(x.reasonPhrase()).startsWith(reject.problem().reasonPhrase());
        if (reject.header() != null) assertThat(x.reasonPhrase()).endsWith(": " + reject.header());
        // Whenever the header section was framed, a request can be answered: Via, From... are
        // there. (A response with a bad status code is simply dropped, §3.1.2.19.)
        if (x.problem() != ParseProblem.BAD_STATUS_CODE) {
            assertThat(x.partialMessage()).as(e.name() + " partial message").isNotNull();
            assertThat(x.partialMessage().has(Header.VIA)).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedMessagesSerializeByteIdentical(Entry e) {
        byte[] in = e.bytes();
        SipMessage m = parse(in);
        m.validate();
        byte[] out = m.toBytes();
        // A datagram is framed by Content-Length (§18.3): the rest is not part of the message.
        assertThat(out).isEqualTo(Arrays.copyOf(in, out.length));
        if (!e.shortName().equals("dblreq")) assertThat(out.length).isEqualTo(in.length);
        assertThat(m.isModified()).isFalse();
        // Reading values does not change the wire form.
        Snapshot.of(m);
        assertThat(m.toBytes()).isEqualTo(out);
    }

    /**
     * A modified copy: a proxy's Via on top (§16.6 step 8). Untouched lines stay verbatim, the
     * start line is rewritten canonically, and the re-parsed message has the same typed values.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void modifiedCopyReparsesToEqualValues(Entry e) {
        byte[] in = e.bytes();
        SipMessage original = parse(in);
        Snapshot before = Snapshot.of(original);
        byte[] framed = original.toBytes();

        SipMessage copy = parse(in.clone());
        // An RFC 2543 request without Max-Forwards stays valid only below an RFC 2543 branch.
        boolean old2543 = copy.isRequest() && !copy.has(Header.MAX_FORWARDS);
        Via proxyVia = Via.of("TLS", "proxy.example.org", 5061, old2543 ? "2543-proxy-1" : "z9hG4bK-proxy-1")
                .withParam("rport", null);
        copy.addFirst(Header.VIA, proxyVia);
        byte[] out = copy.toBytes();
        byte[] expected = expectedWithVia(framed, copy.startLine(), "Via: " + proxyVia);
        if (!original.has(Header.CONTENT_LENGTH)) {
            // A rewritten message always carries Content-Length (RFC 3261 §20.14): it is added
            // after the other header lines.
            expected = withContentLength(expected, original.bodyLength());
        }
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));

        SipMessage again = parse(out);
        again.validate();
        Snapshot after = Snapshot.of(again);
        List<Via> expectedVias = new ArrayList<>();
        expectedVias.add(proxyVia);
        expectedVias.addAll(before.vias());
        assertThat(after.vias()).isEqualTo(expectedVias);
        Snapshot afterCompared = after.withoutVias();
        if (!original.has(Header.CONTENT_LENGTH)) afterCompared = afterCompared.withoutLine("Content-Length: ");
        assertThat(afterCompared).isEqualTo(before.withoutVias());
    }

    /** The framed message with its start line made canonical and a line inserted before the first Via. */
    static byte[] expectedWithVia(byte[] framed, String startLine, String viaLine) {
        String s = new String(framed, StandardCharsets.ISO_8859_1); // byte-preserving
        int firstEol = s.indexOf("\r\n");
        String rest = s.substring(firstEol + 2);
        int at = firstLineOf(rest, "via", "v");
        String headers = at < 0 ? viaLine + "\r\n" + rest : rest.substring(0, at) + viaLine + "\r\n" + rest.substring(at);
        byte[] start = (startLine + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = headers.getBytes(StandardCharsets.ISO_8859_1);
        byte[] outb = Arrays.copyOf(start, start.length + tail.length);
        System.arraycopy(tail, 0, outb, start.length, tail.length);
        return outb;
    }

    /** The message with a Content-Length line appended to its header section. */
    static byte[] withContentLength(byte[] message, int bodyLength) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        int end = s.indexOf("\r\n\r\n");
        String out = s.substring(0, end + 2) + "Content-Length: " + bodyLength + "\r\n" + s.substring(end + 2);
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Offset of the first header line (not a continuation) whose name is one of {@code names}. */
    static int firstLineOf(String headerSection, String... names) {
        int p = 0;
        while (p < headerSection.length()) {
            int eol = headerSection.indexOf("\r\n", p);
            if (eol < 0 || eol == p) return -1; // end of the header section
            char c = headerSection.charAt(p);
            if (c != ' ' && c != '\t') {
                int colon = headerSection.indexOf(':', p);
                String name = headerSection.substring(p, colon).trim();
                for (String n : names) {
                    if (name.equalsIgnoreCase(n)) return p;
                }
            }
            p = eol + 2;
        }
        return -1;
    }

    /** The typed values of a message, for comparing a message with its re-parsed copy. */
    record Snapshot(String start, Uri requestUri, List<Via> vias, Address from, Address to, String callId,
            Object cseq, int maxForwards, List<Address> contacts, List<Address> routes, List<Address> recordRoutes,
            MediaType contentType, List<String> otherLines, String body) {
        static Snapshot of(SipMessage m) {
            Uri ruri = m instanceof SipRequest r ? r.requestUri() : null;
            String start = m instanceof SipResponse r ? r.status() + " " + r.reasonPhrase() : ((SipRequest) m).method();
            List<String> other = new ArrayList<>();
            for (String[] l : m.headerLines()) {
                if (!Header.VIA.matches(l[0])) other.add(l[0] + ": " + l[1]);
            }
            return new Snapshot(start, ruri, m.vias(), m.from(), m.to(), m.callId(), m.cseq(), m.maxForwards(),
                    m.contacts(), m.getAll(Header.ROUTE), m.getAll(Header.RECORD_ROUTE), m.contentType(), other,
                    m.bodyAsString());
        }

        /** The same snapshot without the other-lines starting with {@code prefix}. */
        Snapshot withoutLine(String prefix) {
            List<String> kept = otherLines.stream().filter(l -> !l.startsWith(prefix)).toList();
            return new Snapshot(start, requestUri, vias, from, to, callId, cseq, maxForwards, contacts, routes,
                    recordRoutes, contentType, kept, body);
        }

        Snapshot withoutVias() {
            return new Snapshot(start, requestUri, List.of(), from, to, callId, cseq, maxForwards, contacts, routes,
                    recordRoutes, contentType, otherLines, body);
        }
    }

    // ------------------------------------------------------------------ values, §3.1.1 valid messages

    @Test
    void wsinvUnfoldsHeadersAndParsesEveryValue() {
        SipRequest m = acceptRequest("wsinv");
        assertThat(m.method()).isEqualTo("INVITE");
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("vivekg");
        assertThat(ruri.host()).isEqualTo("chair-dnrc.example.com");
        assertThat(ruri.params().has("unknownparam")).isTrue();
        assertThat(ruri.param("unknownparam")).isNull();

        assertThat(m.header("TO")).isEqualTo("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n");
        assertThat(m.to().sipUri()).isEqualTo(SipUri.of("vivekg", "chair-dnrc.example.com"));
        assertThat(m.to().tag()).isEqualTo("1918181833n");
        assertThat(m.to().displayName()).isNull();

        assertThat(m.header("From")).isEqualTo("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com> ; tag = 98asjd8");
        assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(m.from().sipUri()).isEqualTo(SipUri.of("jdrosen", "example.com"));
        assertThat(m.from().tag()).isEqualTo("98asjd8");

        assertThat(m.maxForwards()).isEqualTo(68);
        assertThat(m.callId()).isEqualTo("wsinv.ndaksdj@192.0.2.1");
        assertThat(m.cseq().seq()).isEqualTo(9);
        assertThat(m.cseq().method()).isEqualTo("INVITE");
        assertThat(m.header("cseq")).isEqualTo("0009 INVITE");

        List<Via> vias = m.vias();
        assertThat(vias).hasSize(3);
        assertThat(m.header("Via")).isEqualTo("SIP  /   2.0 /UDP 192.0.2.2;branch=390skdjuw");
        assertVia(vias.get(0), "UDP", "192.0.2.2", -1, "390skdjuw");
        assertVia(vias.get(1), "TCP", "spindle.example.com", -1, "z9hG4bK9ikj8");
        assertVia(vias.get(2), "UDP", "192.168.255.111", -1, "z9hG4bK30239");
        assertThat(vias.get(0).protocolName()).isEqualTo("SIP");
        assertThat(vias.get(0).protocolVersion()).isEqualTo("2.0");
        assertThat(m.isRfc2543()).isTrue(); // top branch without the magic cookie

        assertThat(m.header("s")).isEmpty();
        assertThat(m.get(Header.SUBJECT)).isEmpty();
        assertThat(m.header("NewFangledHeader")).isEqualTo("newfangled value continued newfangled value");
        assertThat(m.header("UnknownHeaderWithUnusualValue")).isEqualTo(";;,,;;,;");

        Address route = m.get(Header.ROUTE);
        assertThat(route.sipUri().host()).isEqualTo("services.example.com");
        assertThat(route.sipUri().lr()).isTrue();
        assertThat(route.sipUri().param("unknownwith")).isEqualTo("value");
        assertThat(route.sipUri().params().has("unknown-no-value")).isTrue();
        assertThat(route.params().isEmpty()).isTrue();

        Address contact = m.contact();
        assertThat(m.contacts()).hasSize(1);
        assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(contact.sipUri()).isEqualTo(SipUri.of("jdrosen", "example.com"));
        assertThat(contact.param("newparam")).isEqualTo("newvalue");
        assertThat(contact.params().has("secondparam")).isTrue();
        assertThat(contact.param("secondparam")).isNull();
        assertThat(contact.q()).isEqualTo(0.33);

        assertThat(m.contentType()).isEqualTo(MediaType.SDP);
        assertThat(m.bodyLength()).isEqualTo(150);
        assertThat(m.bodyAsString()).startsWith("v=0\r\n").endsWith("a=rtpmap:31 LPC\r\n");
        assertThat(m.headerNames()).containsExactly("TO", "from", "MaX-fOrWaRdS", "Call-ID", "Content-Length", "cseq",
                "Via", "s", "NewFangledHeader", "UnknownHeaderWithUnusualValue", "Content-Type", "Route", "v", "m");
    }

    static void assertVia(Via v, String transport, String host, int port, String branch) {
        assertThat(v.transport()).isEqualTo(transport);
        assertThat(v.host()).isEqualTo(host);
        assertThat(v.port()).isEqualTo(port);
        assertThat(v.branch()).isEqualTo(branch);
    }

    @Test
    void intmethKeepsTheExtensionMethodAndTheUnusualUri() {
        SipRequest m = acceptRequest("intmeth");
        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        assertThat(m.method()).isEqualTo(method);
        assertThat(m.is(method)).isTrue();
        assertThat(m.cseq().method()).isEqualTo(method);
        assertThat(m.cseq().seq()).isEqualTo(139122385);
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(ruri.password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(ruri.host()).isEqualTo("example.com");
        assertThat(ruri.params().isEmpty()).isTrue();
        assertThat(ruri.headers()).isNull();
        assertThat(ruri.toString()).isEqualTo(m.requestUriText());
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK-.!%66*_+`'~");
        assertThat(m.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(m.to().sipUri().user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(m.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(m.from().sipUri()).isEqualTo(SipUri.of("mundane", "example.com"));
        assertThat(m.from().param("fromParam''~+*_!.-%")).isEqualTo("работающий");
        assertThat(m.from().params().getRaw("fromParam''~+*_!.-%")).isEqualTo("\"работающий\"");
        assertThat(m.from().tag()).isEqualTo("_token~1'+`*%!-.");
        assertThat(m.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(m.maxForwards()).isEqualTo(255);
        assertThat(m.header("extensionHeader-!.%*+_`'~")).isEqualTo("\uFEFF大停電");
        assertThat(m.hasBody()).isFalse();
    }

    @Test
    void esc01DecodesEscapesInUserPartsAndParameters() {
        SipRequest m = acceptRequest("esc01");
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("sips%3Auser%40example.com");
        assertThat(ruri.userDecoded()).isEqualTo("sips:user@example.com");
        assertThat(ruri.host()).isEqualTo("example.net");
        assertThat(m.to().sipUri().user()).isEqualTo("%75se%72");
        assertThat(m.to().sipUri().userDecoded()).isEqualTo("user");
        // §19.1.4: escaped and unescaped unreserved characters are equivalent.
        assertThat(m.to().sipUri().equivalentTo(SipUri.of("user", "example.com"))).isTrue();
        assertThat(m.from().sipUri().userDecoded()).isEqualTo("I have spaces");
        assertThat(m.from().tag()).isEqualTo("938");
        assertThat(m.callId()).isEqualTo("esc01.239409asdfakjkn23onasd0-3234");
        assertThat(m.maxForwards()).isEqualTo(87);
        assertThat(m.contentType()).isEqualTo(MediaType.SDP); // compact "C"
        SipUri contact = m.contact().sipUri();
        assertThat(contact.user()).isEqualTo("cal%6Cer");
        assertThat(contact.userDecoded()).isEqualTo("caller");
        assertThat(contact.params().has("%6C%72")).isTrue();
        assertThat(contact.param("n%61me")).isEqualTo("v%61lue%25%34%31");
        assertThat(SipUri.unescape(contact.param("n%61me"))).isEqualTo("value%41");
        assertThat(contact.equivalentTo(SipUri.parse("sip:caller@host5.example.net;lr;name=value%2541"))).isTrue();
        // parameter names compare after un-escaping too: "n%61me" is "name"
        assertThat(contact.equivalentTo(SipUri.parse("sip:caller@host5.example.net;name=other"))).isFalse();
        assertThat(SipUri.parse("sip:caller@host5.example.net;name=other").equivalentTo(contact)).isFalse();
        assertThat(m.bodyLength()).isEqualTo(150);
    }

    @Test
    void escnullKeepsEscapedNulsInUserParts() {
        SipRequest m = acceptRequest("escnull");
        assertThat(m.to().sipUri().user()).isEqualTo("null-%00-null");
        assertThat(m.to().sipUri().userDecoded()).isEqualTo("null-\u0000-null");
        assertThat(m.from().sipUri().userDecoded()).isEqualTo("null-\u0000-null");
        assertThat(m.from().tag()).isEqualTo("839923423");
        assertThat(m.contacts()).extracting(a -> a.sipUri().userDecoded()).containsExactly("\u0000", "\u0000\u0000");
        assertThat(m.contacts()).extracting(a -> a.sipUri().host()).containsOnly("host5.example.com");
        assertThat(m.get(Header.CONTENT_LENGTH)).isZero(); // "L:0"
    }

    @Test
    void esc02KeepsAnEscapedLookingMethodAndHeaderNameLiterally() {
        SipRequest m = acceptRequest("esc02");
        // '%' is a token character: the method is the literal "RE%47IST%45R", not REGISTER.
        assertThat(m.method()).isEqualTo("RE%47IST%45R");
        assertThat(m.is(SipMethod.REGISTER)).isFalse();
        assertThat(m.to().displayName()).isEqualTo("%Z%45");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK209%fzsnel234");
        // "C%6Fntact" is an unknown header, not a Contact.
        assertThat(m.contacts()).extracting(a -> a.sipUri().host()).containsExactly("host1.example.com", "host3.example.com");
        assertThat(m.header("C%6Fntact")).isEqualTo("<sip:alias2@host2.example.com>");
        assertThat(m.headerId(m.headerCount() - 2)).isEqualTo(Header.CONTACT.id());
    }

    @Test
    void lwsdispAcceptsADisplayNameWithoutSpaceBeforeTheBracket() {
        SipRequest m = acceptRequest("lwsdisp");
        assertThat(m.from().displayName()).isEqualTo("caller");
        assertThat(m.from().sipUri()).isEqualTo(SipUri.of("caller", "example.com"));
        assertThat(m.from().tag()).isEqualTo("323");
    }

    @Test
    void longreqHasManyValuesAndLongOnes() {
        SipRequest m = acceptRequest("longreq");
        assertThat(m.to().displayName())
                .isEqualTo("I have a user name of " + "extreme".repeat(10) + " proportion");
        SipUri to = m.to().sipUri();
        assertThat(to.port()).isEqualTo(6000);
        assertThat(to.param("unknownparam1")).isEqualTo("very" + "long".repeat(20) + "value");
        assertThat(to.param("longparamname" + "name".repeat(24))).isEqualTo("shortvalue");
        assertThat(to.params().has("very" + "long".repeat(25) + "ParameterNameWithNoValue")).isTrue();
        assertThat(m.from().sipUri().user()).isEqualTo("amazinglylongcallername".repeat(5));
        assertThat(m.from().tag()).hasSize(155).startsWith("1298298").endsWith("2424");
        assertThat(m.from().params().size()).isEqualTo(3);
        assertThat(m.callId()).isEqualTo("longreq.one" + "really".repeat(20) + "longcallid");
        assertThat(m.header("Unknown-" + "Long".repeat(20) + "-Name"))
                .startsWith("unknown-" + "long".repeat(20) + "-value; ")
                .endsWith("-parameter-value");
        List<Via> vias = m.vias();
        assertThat(vias).hasSize(34);
        for (int i = 0; i < 33; i++) {
            assertVia(vias.get(i), "TCP", "sip" + (33 - i) + ".example.com", -1, null);
        }
        Via last = vias.get(33);
        assertThat(last.received()).isEqualTo("192.0.2.5");
        assertThat(last.branch()).isEqualTo("very" + "long".repeat(50) + "branchvalue");
        assertThat(m.count(Header.VIA)).isEqualTo(34);
        assertThat(m.isRfc2543()).isTrue();
        assertThat(m.contact().sipUri().user()).isEqualTo("amazinglylongcallername".repeat(5));
        assertThat(m.bodyLength()).isEqualTo(150);
    }

    @Test
    void dblreqParsesOnlyTheRegister() {
        byte[] in = Torture.bytes("dblreq");
        SipRequest m = acceptRequest("dblreq");
        assertThat(m.method()).isEqualTo(SipMethod.REGISTER);
        assertThat(m.get(Header.CONTENT_LENGTH)).isZero();
        assertThat(m.hasBody()).isFalse();
        assertThat(m.body()).isEmpty();
        assertThat(m.callId()).isEqualTo("dblreq.0ha0isndaksdj99sdfafnl3lk233412"); // compact "I"
        assertThat(m.contact().sipUri()).isEqualTo(SipUri.of("j.user", "host.example.com"));
        assertThat(m.headerCount()).isEqualTo(8);
        String out = new String(m.toBytes(), StandardCharsets.UTF_8);
        assertThat(out).endsWith("Content-Length: 0\r\n\r\n").doesNotContain("INVITE");
        assertThat(m.toBytes().length).isLessThan(in.length);
    }

    @Test
    void semiuriHasASemicolonInTheUserPart() {
        SipRequest m = acceptRequest("semiuri");
        SipUri ruri = (SipUri) m.requestUri();
        assertThat(ruri.user()).isEqualTo("user;par=u%40example.net");
        assertThat(ruri.userDecoded()).isEqualTo("user;par=u@example.net");
        assertThat(ruri.host()).isEqualTo("example.com");
        assertThat(ruri.params().isEmpty()).isTrue();
        assertThat(m.getAll(Header.ACCEPT)).extracting(MediaType::essence).containsExactly("application/sdp",
                "application/pkcs7-mime", "multipart/mixed", "multipart/signed", "message/sip", "message/sipfrag");
    }

    @Test
    void transportsListsEveryViaTransport() {
        SipRequest m = acceptRequest("transports");
        assertThat(m.vias()).extracting(Via::transport).containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
        assertThat(m.vias()).extracting(Via::host)
                .containsExactly("t1.example.com", "t2.example.com", "t3.example.com", "t4.example.com", "t5.example.com");
        assertThat(m.callId()).isEqualTo("transports.kijh4akdnaqjkwendsasfdj");
    }

    @Test
    void mpart01SplitsTheMultipartBody() {
        SipRequest m = acceptRequest("mpart01");
        assertThat(m.method()).isEqualTo(SipMethod.MESSAGE);
        assertThat(m.contentType().isMultipart()).isTrue();
        assertThat(m.contentType().param("boundary")).isEqualTo("7a9cbec02ceef655");
        assertThat(m.bodyLength()).isEqualTo(553);
        List<BodyPart> parts = m.bodyParts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).contentType().essence()).isEqualTo("text/plain");
        assertThat(parts.get(0).header("content-transfer-encoding")).isEqualTo("binary");
        assertThat(parts.get(0).contentAsString()).isEqualTo("Hello");
        assertThat(parts.get(1).contentType().essence()).isEqualTo("application/octet-stream");
        byte[] der = parts.get(1).content();
        // a DER-encoded PKCS#7 signature: SEQUENCE with a two-byte length
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertThat(der[1]).isEqualTo((byte) 0x82);
        assertThat(der.length).isEqualTo(2 + 2 + (((der[2] & 0xff) << 8) | (der[3] & 0xff)));
        assertThat(m.topVia().hasRport()).isTrue();
        assertThat(m.topVia().port()).isEqualTo(5070);
        assertThat(m.get(Header.ROUTE).sipUri().port()).isEqualTo(5080);
        assertThat(m.get(Header.IDENTITY)).startsWith("r5mwreLuyDRYBi").endsWith("YUA=");
        assertThat(m.get(Header.DATE).instant()).isEqualTo(java.time.Instant.parse("2005-10-15T04:44:56Z"));
        assertThat(m.get(Header.USER_AGENT)).isEqualTo("SIPimp.org/0.2.5 (curses)");
    }

    @Test
    void unreasonHasAUtf8ReasonPhrase() {
        SipResponse m = (SipResponse) accept("unreason");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.reasonPhrase()).isEqualTo("= 2**3 * 5**2 но сто девяносто девять - простое");
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.bodyLength()).isEqualTo(154);
        assertThat(m.to().tag()).isEqualTo("2229");
    }

    @Test
    void noreasonHasAnEmptyReasonPhrase() {
        SipResponse m = (SipResponse) accept("noreason");
        assertThat(m.status()).isEqualTo(100);
        assertThat(m.isProvisional()).isTrue();
        assertThat(m.reasonPhrase()).isEmpty();
        assertThat(m.startLine()).isEqualTo("SIP/2.0 100 ");
    }

    // ------------------------------------------------------------------ values, §3.1.2 and §3.2–3.4

    @Test
    void invalidMessagesStillExposeTheirHeaders() {
        // §3.1.2.4: the CSeq error is the reason; Max-Forwards and the expiries are wrong too.
        SipMessage s = parse(Torture.bytes("scalar02"));
        assertThatThrownBy(s::maxForwards).isInstanceOfSatisfying(SipParseException.class, x -> {
            assertThat(x.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE);
            assertThat(x.headerName()).isEqualTo("Max-Forwards");
        });
        assertThatThrownBy(() -> s.get(Header.EXPIRES)).isInstanceOfSatisfying(SipParseException.class,
                x -> assertThat(x.problem()).isEqualTo(ParseProblem.VALUE_OUT_OF_RANGE));
        // "could treat them as if they contained the default values": an unusable expires is -1.
        assertThat(s.contact().expires()).isEqualTo(-1);
        assertThat(s.callId()).isEqualTo("scalar02.23o0pd9vanlq3wnrlnewofjas9ui32");

        // §3.1.2.1: Contact "Joe" <sip:joe@example.org>;;;; is malformed as well.
        SipMessage b = parse(Torture.bytes("badinv01"));
        assertThatThrownBy(b::contacts).isInstanceOfSatisfying(SipParseException.class, x -> {
            assertThat(x.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
            assertThat(x.headerName()).isEqualTo("Contact");
        });

        // §3.1.2.16: the 505 can be answered from the partial message.
        SipParseException v = catchParse(Torture.bytes("badvers"));
        SipRequest partial = (SipRequest) v.partialMessage();
        assertThat(partial.method()).isEqualTo(SipMethod.OPTIONS);
        assertThat(partial.callId()).isEqualTo("badvers.31417@c.example.com");
        SipResponse r505 = partial.createResponse(v.statusCode());
        assertThat(r505.status()).isEqualTo(505);
        assertThat(r505.reasonPhrase()).isEqualTo("Version Not Supported");

        // §3.1.2.2: the 400 for clerr can be built too.
        SipParseException c = catchParse(Torture.bytes("clerr"));
        assertThat(((SipRequest) c.partialMessage()).createResponse(c.statusCode()).cseq().seq()).isEqualTo(8);

        // §3.3.8 multi01: every duplicated single header is detected, not just the first.
        SipMessage multi = parse(Torture.bytes("multi01"));
        for (Header<?> h : List.of(Header.FROM, Header.TO, Header.CALL_ID, Header.CSEQ, Header.MAX_FORWARDS)) {
            assertThat(multi.headers(h.name())).as(h.name()).hasSize(2);
        }
    }

    @Test
    void lwsruriIsAnsweredWith400FromThePartialMessage() {
        // §3.1.2.8: "An element receiving this request should respond with a 400 Bad Request":
        // answering needs Via/From/To/Call-ID/CSeq, so the partial message is available.
        SipParseException x = catchParse(Torture.bytes("lwsruri"));
        assertThat(x.problem()).isEqualTo(ParseProblem.MALFORMED_START_LINE);
        SipRequest partial = (SipRequest) x.partialMessage();
        assertThat(partial).isNotNull();
        assertThat(partial.method()).isEqualTo(SipMethod.INVITE);
        assertThat(partial.requestUriText()).isEqualTo("sip:user@example.com; lr");
        SipResponse r = partial.createResponse(x.statusCode(), x.reasonPhrase(), "t1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.callId()).isEqualTo("lwsruri.asdfasdoeoi2323-asdfwrn23-asd834rk423");
        assertThat(r.topVia().branch()).isEqualTo("z9hG4bKkdjuw2395");
        assertThat(r.to().tag()).isEqualTo("3xfe-9921883-z9f"); // already tagged: kept
    }

    static SipParseException catchParse(byte[] b) {
        try {
            parse(b);
        } catch (SipParseException e) {
            return e;
        }
        throw new AssertionError("expected a SipParseException");
    }

    @Test
    void lwsstartAndTrwsIgnoreExtraSpaces() {
        SipRequest a = acceptRequest("lwsstart");
        assertThat(a.requestUri()).isEqualTo(SipUri.of("user", "example.com"));
        assertThat(a.startLine()).isEqualTo("INVITE sip:user@example.com SIP/2.0");
        SipRequest b = acceptRequest("trws");
        assertThat(b.requestUri()).isEqualTo(SipUri.of("remote-target", "example.com"));
    }

    @Test
    void escruriKeepsTheEscapedHeaders() {
        SipUri ruri = (SipUri) acceptRequest("escruri").requestUri();
        assertThat(ruri.headers()).isEqualTo("Route=%3Csip:example.com%3E");
        assertThat(SipUri.unescape(ruri.headers())).isEqualTo("Route=<sip:example.com>");
    }

    @Test
    void baddateKeepsTheDateAsText() {
        // "an element shouldn't do that unless the contents of the Date header field were actually
        // important to its processing": the message is accepted, the Date fails only when read.
        SipMessage m = accept("baddate");
        assertThat(m.header("Date")).isEqualTo("Fri, 01 Jan 2010 16:00:00 EST");
        assertThatThrownBy(() -> m.get(Header.DATE)).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.problem()).isEqualTo(ParseProblem.MALFORMED_HEADER);
            assertThat(e.headerName()).isEqualTo("Date");
        });
    }

    @Test
    void regbadctAndRegescrtSeparateContactUriHeadersFromContactParams() {
        SipMessage bad = accept("regbadct");
        Address c1 = bad.contact();
        assertThat(c1.sipUri().headers()).isEqualTo("Route=%3Csip:sip.example.com%3E");
        assertThat(c1.params().isEmpty()).isTrue();
        SipMessage good = accept("regescrt");
        Address c2 = good.contact(); // compact "M"
        assertThat(c2.sipUri().headers()).isEqualTo("Route=%3Csip:sip.example.com%3E");
        assertThat(c2.sipUri().params().isEmpty()).isTrue();
        assertThat(c2.params().isEmpty()).isTrue();
        assertThat(c2.sipUri().equivalentTo(c1.sipUri())).isTrue();
        assertThat(c2.toString()).isEqualTo("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>");
    }

    @Test
    void cparam01And02SeparateContactParamsFromUriParams() {
        // §3.3.12: without brackets, ";unknownparam" is a contact-param (§20.10).
        Address c1 = accept("cparam01").contact();
        assertThat(c1.sipUri().user()).isEqualTo("+19725552222");
        assertThat(c1.sipUri().params().isEmpty()).isTrue();
        assertThat(c1.params().has("unknownparam")).isTrue();
        // §3.3.13: inside brackets it is a URI parameter.
        Address c2 = accept("cparam02").contact();
        assertThat(c2.sipUri().params().has("unknownparam")).isTrue();
        assertThat(c2.params().isEmpty()).isTrue();
        assertThat(c1.sipUri().equivalentTo(c2.sipUri())).isTrue(); // §19.1.4: only in one URI
        assertThat(c1).isNotEqualTo(c2);
    }

    @Test
    void badaspecIgnoresTheSpacesInsideBrackets() {
        SipMessage m = accept("badaspec");
        assertThat(m.to().displayName()).isEqualTo("Watson, Thomas");
        assertThat(m.to().sipUri()).isEqualTo(SipUri.of("t.watson", "example.org"));
        assertThat(m.from().displayName()).isEqualTo("Bell, Alexander");
    }

    @Test
    void badbranchFallsBackToRfc2543Matching() {
        SipRequest m = acceptRequest("badbranch");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK");
        assertThat(m.topVia().hasRfc3261Branch()).isFalse();
        assertThat(m.isRfc2543()).isTrue();
    }

    @Test
    void unknownSchemesAreAbsoluteUris() {
        Uri u = acceptRequest("unkscm").requestUri();
        assertThat(u).isEqualTo(new AbsoluteUri("nobodyKnowsThisScheme", "totallyopaquecontent"));
        assertThat(u.scheme()).isEqualTo("nobodyknowsthisscheme");
        Uri n = acceptRequest("novelsc").requestUri();
        assertThat(n).isInstanceOf(AbsoluteUri.class);
        assertThat(n.scheme()).isEqualTo("soap.beep");
        assertThat(((AbsoluteUri) n).schemeSpecificPart()).isEqualTo("//192.0.2.103:3002");
        SipMessage m = accept("unksm2");
        assertThat(m.to().uri()).isEqualTo(new AbsoluteUri("isbn", "2983792873"));
        assertThat(m.to().sipUri()).isNull();
        assertThat(m.from().uri()).isEqualTo(new AbsoluteUri("http", "//www.example.com"));
        assertThat(m.from().tag()).isEqualTo("3234233");
        assertThat(m.contact().uri()).isEqualTo(new AbsoluteUri("name", "John_Smith"));
    }

    @Test
    void bext01InvutRegaut01AreWellFormed() {
        SipMessage b = accept("bext01");
        assertThat(b.getAll(Header.REQUIRE)).containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
        assertThat(b.getAll(Header.PROXY_REQUIRE)).containsExactly("noProxiesSupportThis", "norDoAnyProxiesSupportThis");
        assertThat(b.topVia().transport()).isEqualTo("TLS");
        SipMessage i = accept("invut");
        assertThat(i.contentType().essence()).isEqualTo("application/unknownformat");
        assertThat(i.bodyAsString()).isEqualTo("<audio>\r\n <pcmu port=\"443\"/>\r\n</audio>\r\n");
        SipMessage r = accept("regaut01");
        assertThat(r.header("Authorization")).isEqualTo("NoOneKnowsThisScheme opaque-data=here");
        assertThat(r.get(Header.AUTHORIZATION).scheme()).isEqualTo("NoOneKnowsThisScheme");
        assertThat(r.get(Header.AUTHORIZATION).isDigest()).isFalse();
        assertThat(r.get(Header.CONTENT_LENGTH)).isZero(); // "Content-Length:0"
    }

    @Test
    void bcastHasABroadcastVia() {
        SipMessage m = accept("bcast");
        assertThat(m.vias()).extracting(Via::host).containsExactly("192.0.2.198", "255.255.255.255");
        assertThat(((SipResponse) m).isSuccess()).isTrue();
    }

    @Test
    void zeromfHasMaxForwardsZero() {
        SipMessage m = accept("zeromf");
        assertThat(m.maxForwards()).isZero();
        assertThat(m.get(Header.MAX_FORWARDS)).isZero();
    }

    @Test
    void sdp01HasAnUnknownAccept() {
        SipMessage m = accept("sdp01");
        assertThat(m.getAll(Header.ACCEPT)).containsExactly(MediaType.of("text", "nobodyKnowsThis"));
        assertThat(m.contentType()).isEqualTo(MediaType.SDP);
    }

    @Test
    void inv2543IsAnRfc2543Request() {
        SipRequest m = acceptRequest("inv2543");
        assertThat(m.isRfc2543()).isTrue();
        assertThat(m.topVia().branch()).isNull();
        assertThat(m.maxForwards()).isEqualTo(-1);
        assertThat(m.has(Header.CONTENT_LENGTH)).isFalse();
        assertThat(m.from().tag()).isNull();
        assertThat(m.from().sipUri().param("user")).isEqualTo("phone");
        // addr-spec form: ";user=phone" is a header parameter of To, not a URI parameter (§20.10)
        assertThat(m.to().sipUri().param("user")).isNull();
        assertThat(m.to().param("user")).isEqualTo("phone");
        assertThat(m.get(Header.RECORD_ROUTE).sipUri().maddr()).isEqualTo("ss1.example.com");
        // no Content-Length on a datagram: the body is the rest of the datagram (§18.3)
        assertThat(m.bodyAsString()).startsWith("v=0\r\n").endsWith("m=audio 49217 RTP/AVP 0\r\n");
    }

    // ------------------------------------------------------------------ RFC 5118

    @Test
    void ipv6HostsKeepTheirBracketsAndPorts() {
        SipRequest good = acceptRequest("ipv6-good");
        SipUri ruri = (SipUri) good.requestUri();
        assertThat(ruri.host()).isEqualTo("[2001:db8::10]");
        assertThat(ruri.port()).isEqualTo(-1);
        assertThat(ruri.user()).isNull();
        assertThat(good.topVia().host()).isEqualTo("[2001:db8::9:1]");
        assertThat(good.contact().sipUri().host()).isEqualTo("[2001:db8::1]");
        assertThat(good.contact().displayName()).isEqualTo("Caller");

        SipUri amb = (SipUri) acceptRequest("port-ambiguous").requestUri();
        assertThat(amb.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(amb.port()).isEqualTo(-1);
        SipUri unamb = (SipUri) acceptRequest("port-unambiguous").requestUri();
        assertThat(unamb.host()).isEqualTo("[2001:db8::10]");
        assertThat(unamb.port()).isEqualTo(5070);

        SipUri three = (SipUri) acceptRequest("ipv6-bug-abnf-3-colons").requestUri();
        assertThat(three.host()).isEqualTo("[2001:db8:::192.0.2.1]");
        SipRequest two = acceptRequest("ipv6-correct-abnf-2-colons");
        assertThat(((SipUri) two.requestUri()).host()).isEqualTo("[2001:db8::192.0.2.1]");
        assertThat(two.to().sipUri().host()).isEqualTo("[2001:db8::192.0.2.1]");
    }

    @Test
    void viaReceivedWithAndWithoutBrackets() {
        Via with = acceptRequest("via-received-param-with-delim").topVia();
        assertThat(with.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(with.received()).isEqualTo("[2001:db8::9:255]");
        assertThat(with.branch()).isEqualTo("z9hG4bKas3-111");
        // §4.5: received = IPv6address without brackets is what RFC 3261's grammar says.
        Via without = acceptRequest("via-received-param-no-delim").topVia();
        assertThat(without.received()).isEqualTo("2001:db8::9:255");
        assertThat(without.branch()).isEqualTo("z9hG4bKas3");
    }

    @Test
    void mixedIpv4AndIpv6() {
        SipRequest m = acceptRequest("mult-ip-in-header");
        assertThat(m.vias()).extracting(Via::host).containsExactly("[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]");
        assertThat(m.vias()).extracting(Via::port).containsExactly(6050, -1, -1);
        assertThat(m.vias().get(2).received()).isEqualTo("192.0.2.200");
        assertThat(m.vias().get(2).transport()).isEqualTo("TCP");

        SipRequest mapped = acceptRequest("ipv4-mapped-ipv6");
        assertThat(mapped.vias()).extracting(Via::host).containsExactly("[::ffff:192.0.2.10]", "[::ffff:192.0.2.2]");
        assertThat(mapped.topVia().port()).isEqualTo(19823);
        assertThat(mapped.contact().sipUri().host()).isEqualTo("[::ffff:192.0.2.2]");
        assertThat(mapped.contact().displayName()).isEqualTo("T. desk phone");
        assertThat(mapped.bodyLength()).isEqualTo(245);

        SipRequest sdp = acceptRequest("ipv6-in-sdp");
        assertThat(sdp.bodyAsString()).contains("c=IN IP6 2001:db8::20\r\n");
        assertThat(sdp.to().sipUri().host()).isEqualTo("[2001:db8::10]");
        SipRequest mult = acceptRequest("mult-ip-in-sdp");
        assertThat(mult.bodyLength()).isEqualTo(189);
        assertThat(mult.bodyAsString()).endsWith("a=rtpmap:107 H263-1998/90000\r\n");
    }
}
