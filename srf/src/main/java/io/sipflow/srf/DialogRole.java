package io.sipflow.srf;

/** Which side of the dialog this application is (RFC 3261 §12: the UAC sent the creating request). */
public enum DialogRole {
    UAC,
    UAS
}
