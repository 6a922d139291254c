package io.sipflow.srf;

/** Dialog states of the RFC 4235 dialog event package, and the final outcomes it reports. */
public enum DialogState {
    TRYING,
    PROCEEDING,
    EARLY,
    CONFIRMED,
    TERMINATED,
    REJECTED,
    CANCELLED
}
