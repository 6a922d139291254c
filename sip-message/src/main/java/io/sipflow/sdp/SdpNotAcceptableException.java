package io.sipflow.sdp;

/**
 * An offer none of whose streams can be accepted (RFC 3264 §6): the SIP layer answers
 * {@code 488 Not Acceptable Here} (RFC 3261 §21.4.26), ideally with a {@code Warning} header
 * carrying {@link #warningCode()} (RFC 3261 §20.43).
 *
 * <p>Checked, so that the code that answers an offer cannot forget the 488.
 */
public final class SdpNotAcceptableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Warning 301: incompatible network address formats (e.g. a multicast stream). */
    public static final int INCOMPATIBLE_NETWORK_ADDRESS = 301;
    /** Warning 302: incompatible transport protocol. */
    public static final int INCOMPATIBLE_TRANSPORT = 302;
    /** Warning 304: media type not available. */
    public static final int MEDIA_TYPE_NOT_AVAILABLE = 304;
    /** Warning 305: incompatible media format. */
    public static final int INCOMPATIBLE_MEDIA_FORMAT = 305;

    private final int warningCode;

    /**
     * @param message why nothing was acceptable
     * @param warningCode the RFC 3261 §20.43 warning code that describes it best
     */
    public SdpNotAcceptableException(String message, int warningCode) {
        super(message);
        this.warningCode = warningCode;
    }

    /** The SIP status code to answer with: 488. */
    public int statusCode() {
        return 488;
    }

    /** The RFC 3261 §20.43 warning code (301, 302, 304 or 305). */
    public int warningCode() {
        return warningCode;
    }
}
