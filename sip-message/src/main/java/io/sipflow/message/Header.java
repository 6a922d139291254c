package io.sipflow.message;

import io.sipflow.message.header.Address;
import io.sipflow.message.header.AuthenticationInfo;
import io.sipflow.message.header.CSeq;
import io.sipflow.message.header.ContentDisposition;
import io.sipflow.message.header.DigestChallenge;
import io.sipflow.message.header.DigestCredentials;
import io.sipflow.message.header.Event;
import io.sipflow.message.header.MediaType;
import io.sipflow.message.header.MinSE;
import io.sipflow.message.header.ParameterizedValue;
import io.sipflow.message.header.Privacy;
import io.sipflow.message.header.RAck;
import io.sipflow.message.header.Reason;
import io.sipflow.message.header.Replaces;
import io.sipflow.message.header.RetryAfter;
import io.sipflow.message.header.SessionExpires;
import io.sipflow.message.header.SipDate;
import io.sipflow.message.header.SubscriptionState;
import io.sipflow.message.header.Timestamp;
import io.sipflow.message.header.Via;
import io.sipflow.message.header.Warning;
import io.sipflow.message.internal.Lexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A header field name that knows how to parse its value: the typed key of
 * {@link SipMessage#get(Header)}, {@link SipMessage#getAll(Header)} and
 * {@link SipMessage#set(Header, Object)}.
 *
 * <p>Names match case-insensitively and by compact form (RFC 3261 §7.3.3). A
 * {@linkplain #isList() list header} may carry several comma-separated values on one line
 * and/or several lines (§7.3.1); its typed value is one element. Values are written with
 * their {@code toString()}. Headers not defined here are reachable by name as raw text.
 *
 * @param <T> the parsed value type of one element
 */
public final class Header<T> {
    /** Parses one value (one list element) at the lexer's position, leaving it after the value. */
    @FunctionalInterface
    public interface ValueParser<T> {
        T parse(Lexer lx);
    }

    private static final List<Header<?>> BY_ID = new ArrayList<>();
    private static final Map<String, Header<?>> BY_NAME = new HashMap<>();

    /** Id of a header name that is not defined here. */
    public static final int UNKNOWN_ID = 0;

    // --- the headers the stack and applications use (RFC 3261 §20 and extensions) ---
    public static final Header<Via> VIA = list("Via", 'v', Via::parse);
    public static final Header<Address> FROM = single("From", 'f', Address::parse);
    public static final Header<Address> TO = single("To", 't', Address::parse);
    public static final Header<String> CALL_ID = single("Call-ID", 'i', Header::word);
    public static final Header<CSeq> CSEQ = single("CSeq", '\0', CSeq::parse);
    public static final Header<Integer> MAX_FORWARDS = single("Max-Forwards", '\0', lx -> intValue(lx, 255));
    public static final Header<Address> CONTACT = list("Contact", 'm', Address::parse);
    public static final Header<Address> ROUTE = list("Route", '\0', Address::parse);
    public static final Header<Address> RECORD_ROUTE = list("Record-Route", '\0', Address::parse);
    public static final Header<Address> PATH = list("Path", '\0', Address::parse);
    public static final Header<Address> SERVICE_ROUTE = list("Service-Route", '\0', Address::parse);
    public static final Header<MediaType> CONTENT_TYPE = single("Content-Type", 'c', MediaType::parse);
    public static final Header<Integer> CONTENT_LENGTH = single("Content-Length", 'l', lx -> intValue(lx, Integer.MAX_VALUE));
    public static final Header<String> CONTENT_ENCODING = list("Content-Encoding", 'e', Header::token);
    public static final Header<ContentDisposition> CONTENT_DISPOSITION = single("Content-Disposition", '\0', ContentDisposition::parse);
    public static final Header<String> CONTENT_LANGUAGE = list("Content-Language", '\0', Header::token);
    public static final Header<Long> EXPIRES = single("Expires", '\0', Header::deltaSeconds);
    public static final Header<Long> MIN_EXPIRES = single("Min-Expires", '\0', Header::deltaSeconds);
    public static final Header<DigestCredentials> AUTHORIZATION = multi("Authorization", '\0', DigestCredentials::parse);
    public static final Header<DigestCredentials> PROXY_AUTHORIZATION = multi("Proxy-Authorization", '\0', DigestCredentials::parse);
    public static final Header<DigestChallenge> WWW_AUTHENTICATE = multi("WWW-Authenticate", '\0', DigestChallenge::parse);
    public static final Header<DigestChallenge> PROXY_AUTHENTICATE = multi("Proxy-Authenticate", '\0', DigestChallenge::parse);
    public static final Header<AuthenticationInfo> AUTHENTICATION_INFO = single("Authentication-Info", '\0', AuthenticationInfo::parse);
    public static final Header<Event> EVENT = single("Event", 'o', Event::parse);
    public static final Header<SubscriptionState> SUBSCRIPTION_STATE = single("Subscription-State", '\0', SubscriptionState::parse);
    public static final Header<String> ALLOW_EVENTS = list("Allow-Events", 'u', Header::token);
    public static final Header<String> SUPPORTED = list("Supported", 'k', Header::token);
    public static final Header<String> REQUIRE = list("Require", '\0', Header::token);
    public static final Header<String> PROXY_REQUIRE = list("Proxy-Require", '\0', Header::token);
    public static final Header<String> UNSUPPORTED = list("Unsupported", '\0', Header::token);
    public static final Header<Long> RSEQ = single("RSeq", '\0', lx -> rangedLong(lx, 1, (1L << 32) - 1));
    public static final Header<RAck> RACK = single("RAck", '\0', RAck::parse);
    public static final Header<SessionExpires> SESSION_EXPIRES = single("Session-Expires", 'x', SessionExpires::parse);
    public static final Header<MinSE> MIN_SE = single("Min-SE", '\0', MinSE::parse);
    public static final Header<Address> REFER_TO = single("Refer-To", 'r', Address::parse);
    public static final Header<Address> REFERRED_BY = single("Referred-By", 'b', Address::parse);
    public static final Header<Replaces> REPLACES = single("Replaces", '\0', Replaces::parse);
    public static final Header<String> ALLOW = list("Allow", '\0', Header::token);
    public static final Header<MediaType> ACCEPT = list("Accept", '\0', MediaType::parse);
    public static final Header<String> ACCEPT_ENCODING = list("Accept-Encoding", '\0', Header::token);
    public static final Header<ParameterizedValue> ACCEPT_LANGUAGE = list("Accept-Language", '\0', ParameterizedValue::parse);
    public static final Header<String> USER_AGENT = single("User-Agent", '\0', Header::rest);
    public static final Header<String> SERVER = single("Server", '\0', Header::rest);
    public static final Header<RetryAfter> RETRY_AFTER = single("Retry-After", '\0', RetryAfter::parse);
    public static final Header<Reason> REASON = list("Reason", '\0', Reason::parse);
    public static final Header<Privacy> PRIVACY = single("Privacy", '\0', Privacy::parse);
    public static final Header<Address> P_ASSERTED_IDENTITY = list("P-Asserted-Identity", '\0', Address::parse);
    public static final Header<Address> P_PREFERRED_IDENTITY = list("P-Preferred-Identity", '\0', Address::parse);
    public static final Header<SipDate> DATE = single("Date", '\0', SipDate::parse);
    public static final Header<Timestamp> TIMESTAMP = single("Timestamp", '\0', Timestamp::parse);
    public static final Header<String> SUBJECT = single("Subject", 's', Header::rest);
    public static final Header<String> ORGANIZATION = single("Organization", '\0', Header::rest);
    public static final Header<String> PRIORITY = single("Priority", '\0', Header::token);
    public static final Header<Address> REPLY_TO = single("Reply-To", '\0', Address::parse);
    public static final Header<Address> CALL_INFO = list("Call-Info", '\0', Address::parse);
    public static final Header<Address> ALERT_INFO = list("Alert-Info", '\0', Address::parse);
    public static final Header<Address> ERROR_INFO = list("Error-Info", '\0', Address::parse);
    public static final Header<String> IN_REPLY_TO = list("In-Reply-To", '\0', Header::word);
    public static final Header<Warning> WARNING = list("Warning", '\0', Warning::parse);
    public static final Header<String> MIME_VERSION = single("MIME-Version", '\0', Header::rest);
    public static final Header<String> ACCEPT_CONTACT = multi("Accept-Contact", 'a', Header::rest);
    public static final Header<String> REJECT_CONTACT = multi("Reject-Contact", 'j', Header::rest);
    public static final Header<String> REQUEST_DISPOSITION = multi("Request-Disposition", 'd', Header::rest);
    public static final Header<String> IDENTITY = single("Identity", 'y', Header::rest);
    public static final Header<String> IDENTITY_INFO = single("Identity-Info", 'n', Header::rest);
    public static final Header<String> SIP_ETAG = single("SIP-ETag", '\0', Header::token);
    public static final Header<String> SIP_IF_MATCH = single("SIP-If-Match", '\0', Header::token);
    public static final Header<String> REFER_SUB = single("Refer-Sub", '\0', Header::token);

    // --- appended later; ids follow declaration order, so new headers go at the end ---
    /** Accept-Resource-Priority (RFC 4412): namespace.priority values; raw text. */
    public static final Header<String> ACCEPT_RESOURCE_PRIORITY = multi("Accept-Resource-Priority", '\0', Header::rest);
    /** Resource-Priority (RFC 4412): namespace.priority values; raw text. */
    public static final Header<String> RESOURCE_PRIORITY = multi("Resource-Priority", '\0', Header::rest);
    /** History-Info (RFC 7044): the request's history, hi-entries (name-addr with index etc.). */
    public static final Header<Address> HISTORY_INFO = list("History-Info", '\0', Address::parse);
    /** Diversion (RFC 5806, historic but widely deployed): diverting parties, most recent first. */
    public static final Header<Address> DIVERSION = list("Diversion", '\0', Address::parse);
    /** P-Charging-Vector (RFC 7315): IMS charging correlation; raw text. */
    public static final Header<String> P_CHARGING_VECTOR = single("P-Charging-Vector", '\0', Header::rest);
    /** P-Charging-Function-Addresses (RFC 7315); raw text. */
    public static final Header<String> P_CHARGING_FUNCTION_ADDRESSES = multi("P-Charging-Function-Addresses", '\0', Header::rest);
    /** Max-Breadth (RFC 5393): the number of parallel forks allowed. */
    public static final Header<Integer> MAX_BREADTH = single("Max-Breadth", '\0', lx -> intValue(lx, Integer.MAX_VALUE));
    /** Flow-Timer (RFC 5626): keep-alive interval in seconds chosen by the edge proxy. */
    public static final Header<Integer> FLOW_TIMER = single("Flow-Timer", '\0', lx -> intValue(lx, Integer.MAX_VALUE));
    /** Geolocation (RFC 6442): location by value or reference; raw text. */
    public static final Header<String> GEOLOCATION = multi("Geolocation", '\0', Header::rest);
    /** Geolocation-Routing (RFC 6442); raw text. */
    public static final Header<String> GEOLOCATION_ROUTING = single("Geolocation-Routing", '\0', Header::rest);
    /** Geolocation-Error (RFC 6442); raw text. */
    public static final Header<String> GEOLOCATION_ERROR = single("Geolocation-Error", '\0', Header::rest);
    /** P-Associated-URI (RFC 7315): the registered public identities. */
    public static final Header<Address> P_ASSOCIATED_URI = list("P-Associated-URI", '\0', Address::parse);
    /** P-Called-Party-ID (RFC 7315): the called party as the network saw it. */
    public static final Header<Address> P_CALLED_PARTY_ID = single("P-Called-Party-ID", '\0', Address::parse);
    /** P-Served-User (RFC 5502): the served user in IMS. */
    public static final Header<Address> P_SERVED_USER = single("P-Served-User", '\0', Address::parse);
    /** P-Visited-Network-ID (RFC 7315); raw text. */
    public static final Header<String> P_VISITED_NETWORK_ID = multi("P-Visited-Network-ID", '\0', Header::rest);
    /** P-Access-Network-Info (RFC 7315); raw text. */
    public static final Header<String> P_ACCESS_NETWORK_INFO = multi("P-Access-Network-Info", '\0', Header::rest);
    /** P-Early-Media (RFC 5009): early media authorization; raw text. */
    public static final Header<String> P_EARLY_MEDIA = multi("P-Early-Media", '\0', Header::rest);
    /** Security-Client (RFC 3329); raw text. */
    public static final Header<String> SECURITY_CLIENT = multi("Security-Client", '\0', Header::rest);
    /** Security-Server (RFC 3329); raw text. */
    public static final Header<String> SECURITY_SERVER = multi("Security-Server", '\0', Header::rest);
    /** Security-Verify (RFC 3329); raw text. */
    public static final Header<String> SECURITY_VERIFY = multi("Security-Verify", '\0', Header::rest);
    /** Target-Dialog (RFC 4538): the dialog a request relates to; raw text. */
    public static final Header<String> TARGET_DIALOG = single("Target-Dialog", '\0', Header::rest);
    /** Join (RFC 3911): the dialog to join (same form as Replaces); raw text. */
    public static final Header<String> JOIN = single("Join", '\0', Header::rest);
    /** Session-ID (RFC 7989): end-to-end session identifier; raw text. */
    public static final Header<String> SESSION_ID = single("Session-ID", '\0', Header::rest);
    /** Recv-Info (RFC 6086): the Info Packages a UA accepts. */
    public static final Header<String> RECV_INFO = list("Recv-Info", '\0', Header::token);
    /** Info-Package (RFC 6086): the Info Package of an INFO. */
    public static final Header<ParameterizedValue> INFO_PACKAGE = single("Info-Package", '\0', ParameterizedValue::parse);
    /** Feature-Caps (RFC 6809): feature capability indicators; raw text. */
    public static final Header<String> FEATURE_CAPS = multi("Feature-Caps", '\0', Header::rest);
    /** User-to-User (RFC 7433); raw text. */
    public static final Header<String> USER_TO_USER = multi("User-to-User", '\0', Header::rest);
    /** Answer-Mode (RFC 5373); raw text. */
    public static final Header<String> ANSWER_MODE = single("Answer-Mode", '\0', Header::rest);
    /** Priv-Answer-Mode (RFC 5373); raw text. */
    public static final Header<String> PRIV_ANSWER_MODE = single("Priv-Answer-Mode", '\0', Header::rest);
    /** Permission-Missing (RFC 5360); raw text. */
    public static final Header<String> PERMISSION_MISSING = multi("Permission-Missing", '\0', Header::rest);
    /** Content-ID (RFC 8262): the Content-ID of a body part; raw text. */
    public static final Header<String> CONTENT_ID = single("Content-ID", '\0', Header::rest);

    private final String name;
    private final String lowerName;
    private final char compact;
    private final int id;
    private final boolean list;
    private final boolean singleton;
    private final ValueParser<T> parser;
    final byte[] lowerNameBytes;
    /**
     * Which parser's {@code parseSimple} may read a whole original value of this header
     * before the general parser is tried: {@link #SIMPLE_VIA} for Via, {@link #SIMPLE_ADDRESS}
     * for headers whose elements are {@link Address}es (set below, after the definitions).
     */
    int simpleForm = SIMPLE_NONE;
    static final int SIMPLE_NONE = 0;
    static final int SIMPLE_VIA = 1;
    static final int SIMPLE_ADDRESS = 2;

    private Header(String name, char compact, boolean list, boolean singleton, ValueParser<T> parser, int id) {
        this.name = name;
        this.lowerName = name.toLowerCase(Locale.ROOT);
        this.compact = compact;
        this.list = list;
        this.singleton = singleton;
        this.parser = parser;
        this.id = id;
        this.lowerNameBytes = lowerName.getBytes(StandardCharsets.US_ASCII);
    }

    private static synchronized <T> Header<T> define(String name, char compact, boolean list, boolean singleton, ValueParser<T> p) {
        if (BY_ID.isEmpty()) BY_ID.add(null); // id 0 = unknown
        if (BY_ID.size() > SipMessage.ID_MASK) throw new IllegalStateException("too many header ids for the index");
        Header<T> h = new Header<>(name, compact, list, singleton, p, BY_ID.size());
        BY_ID.add(h);
        BY_NAME.put(h.lowerName, h);
        BY_NAME.put(h.name, h); // the canonical spelling, what code passes: found without lower-casing
        if (compact != '\0') {
            BY_NAME.put(String.valueOf(compact), h);
            BY_NAME.put(String.valueOf(Character.toUpperCase(compact)), h);
        }
        HeaderNameTable.register(h.lowerNameBytes, h.id);
        if (compact != '\0') HeaderNameTable.register(new byte[] {(byte) compact}, h.id);
        return h;
    }

    static {
        VIA.simpleForm = SIMPLE_VIA;
        for (Header<Address> h : List.of(FROM, TO, CONTACT, ROUTE, RECORD_ROUTE, PATH, SERVICE_ROUTE, REFER_TO,
                REFERRED_BY, P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, REPLY_TO)) {
            h.simpleForm = SIMPLE_ADDRESS;
        }
    }

    /** A header appearing at most once with one value. */
    private static <T> Header<T> single(String name, char compact, ValueParser<T> p) {
        return define(name, compact, false, true, p);
    }

    /** A comma-separated list header (§7.3.1): values may share a line. */
    private static <T> Header<T> list(String name, char compact, ValueParser<T> p) {
        return define(name, compact, true, false, p);
    }

    /** A header that may appear on several lines but whose values contain commas (no splitting). */
    private static <T> Header<T> multi(String name, char compact, ValueParser<T> p) {
        return define(name, compact, false, false, p);
    }

    /** The header defined for {@code name} (full or compact, any case), or null. */
    public static Header<?> forName(String name) {
        Header<?> h = BY_NAME.get(name); // canonical, lower-case or compact: no allocation
        return h != null ? h : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    static Header<?> byId(int id) {
        return id > 0 && id < BY_ID.size() ? BY_ID.get(id) : null;
    }

    /** The canonical name, e.g. {@code Call-ID}. */
    public String name() {
        return name;
    }

    /** The compact form (§7.3.3), or '\0' when it has none. */
    public char compactForm() {
        return compact;
    }

    public int id() {
        return id;
    }

    /** True when values may be comma-separated on one line. */
    public boolean isList() {
        return list;
    }

    /** True when the header may appear at most once (with one value). */
    public boolean isSingleton() {
        return singleton;
    }

    /** True when {@code otherName} names this header, in full or compact form, in any case. */
    public boolean matches(String otherName) {
        return otherName.equalsIgnoreCase(name) || (compact != '\0' && otherName.length() == 1
                && Character.toLowerCase(otherName.charAt(0)) == compact);
    }

    /** Parses one value (one element for a list header) from text. */
    public T parse(String text) {
        return parseValue(new Lexer(text, name));
    }

    /** Parses one value from a lexer already {@linkplain Lexer#reset set} to the whole value. */
    public T parseValue(Lexer lx) {
        T v = parser.parse(lx);
        lx.expectEnd();
        return v;
    }

    /** Parses a whole header line value: one element, or for a list header every element. */
    public List<T> parseAll(String text) {
        return parseAllValues(new Lexer(text, name));
    }

    /** Parses a whole line value from a lexer already {@linkplain Lexer#reset set} to it. */
    public List<T> parseAllValues(Lexer lx) {
        if (!list) {
            T v = parser.parse(lx);
            lx.expectEnd();
            return List.of(v);
        }
        lx.skipWs();
        if (lx.atEnd()) return List.of(); // e.g. "Supported:" with no value (§20.37 allows it)
        T first = parser.parse(lx);
        if (!lx.skipIf(',')) {
            lx.expectEnd();
            return List.of(first); // the usual case: one value per line, no list to grow
        }
        List<T> out = new ArrayList<>(4);
        out.add(first);
        do {
            out.add(parser.parse(lx));
        } while (lx.skipIf(','));
        lx.expectEnd();
        return List.copyOf(out); // immutable: cached and read from several threads
    }

    /**
     * Parses a whole line value for a message's cache: a single header's value; for a list
     * header its only element when it has exactly one (nearly always: no list is made for
     * it), else the immutable List of its elements.
     */
    Object parseLine(Lexer lx) {
        if (!list) return parseValue(lx);
        lx.skipWs();
        if (lx.atEnd()) return List.of();
        T first = parser.parse(lx);
        if (!lx.skipIf(',')) {
            lx.expectEnd();
            return first;
        }
        List<T> out = new ArrayList<>(4);
        out.add(first);
        do {
            out.add(parser.parse(lx));
        } while (lx.skipIf(','));
        lx.expectEnd();
        return List.copyOf(out); // immutable: cached and read from several threads
    }

    /** Parses with a given lexer: for callers composing values. */
    public T parse(Lexer lx) {
        return parser.parse(lx);
    }

    @Override
    public String toString() {
        return name;
    }

    // --- value parsers shared by several headers ---

    private static String rest(Lexer lx) {
        return lx.rest();
    }

    private static String token(Lexer lx) {
        lx.skipWs();
        return lx.token();
    }

    /** word (§25.1): Call-ID and In-Reply-To; any non-white-space printable run (liberal). */
    private static String word(Lexer lx) {
        lx.skipWs();
        return lx.word();
    }

    private static int intValue(Lexer lx, int max) {
        lx.skipWs();
        int at = lx.pos();
        long n = lx.number();
        if (n > max) throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "value above " + max, null, at);
        return (int) n;
    }

    private static long rangedLong(Lexer lx, long min, long max) {
        lx.skipWs();
        int at = lx.pos();
        long n = lx.number();
        if (n < min || n > max) throw new SipParseException(ParseProblem.VALUE_OUT_OF_RANGE, "value out of range", null, at);
        return n;
    }

    /** delta-seconds (§25.1): up to 2^32-1. */
    private static long deltaSeconds(Lexer lx) {
        return rangedLong(lx, 0, (1L << 32) - 1);
    }
}
