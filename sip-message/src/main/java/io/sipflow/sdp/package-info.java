/**
 * Session descriptions: SDP (RFC 8866) parsing, building and serialization, with the
 * offer/answer helpers of RFC 3264 a SIP application needs.
 *
 * <ul>
 *   <li>{@link io.sipflow.sdp.SessionDescription} – parse ({@code String} or UTF-8 bytes),
 *       inspect, change, serialize; hold/unhold, version bump, media address rewriting.</li>
 *   <li>{@link io.sipflow.sdp.MediaDescription} – one {@code m=} section with typed access to
 *       rtpmap, fmtp, ptime, maxptime, rtcp, mid and direction.</li>
 *   <li>Immutable values: {@link io.sipflow.sdp.Origin}, {@link io.sipflow.sdp.Connection},
 *       {@link io.sipflow.sdp.Bandwidth}, {@link io.sipflow.sdp.Timing},
 *       {@link io.sipflow.sdp.Attribute}, {@link io.sipflow.sdp.RtpMap},
 *       {@link io.sipflow.sdp.Fmtp}, {@link io.sipflow.sdp.Rtcp},
 *       {@link io.sipflow.sdp.Direction}.</li>
 *   <li>{@link io.sipflow.sdp.SdpAnswerer} with {@link io.sipflow.sdp.Codec} – answers an offer
 *       or throws {@link io.sipflow.sdp.SdpNotAcceptableException} (488).</li>
 * </ul>
 *
 * <p>Parsing throws only {@link io.sipflow.sdp.SdpParseException}. The value types validate
 * their components and throw {@link java.lang.IllegalArgumentException} for programming errors
 * (a port of 70000, a line break in a value): a built description always serializes to
 * parseable SDP. The mutable model has one owner at a time; see
 * {@link io.sipflow.sdp.SessionDescription}.
 */
package io.sipflow.sdp;
