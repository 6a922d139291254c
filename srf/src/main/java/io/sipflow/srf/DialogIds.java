package io.sipflow.srf;

/** The dialog identifier of RFC 3261 §12: Call-ID, local tag, remote tag. */
public record DialogIds(String callId, String localTag, String remoteTag) {}
