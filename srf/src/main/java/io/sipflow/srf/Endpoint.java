package io.sipflow.srf;

import io.sipflow.message.header.Address;

/**
 * One end of a dialog as this application sees it: its URI (From or To of the dialog), the
 * last session description it gave (null when none), and its Contact (the remote target for
 * the remote end, RFC 3261 §12.1).
 */
public record Endpoint(Address uri, String sdp, Address contact) {}
