package io.sipflow.srf;

/** The method that created the dialog: an INVITE session or a SUBSCRIBE subscription (RFC 6665). */
public enum DialogType {
    INVITE,
    SUBSCRIBE
}
