package io.sipflow.srf;

import java.util.concurrent.CompletableFuture;

/**
 * A call bridged by {@link Srf#createB2BUA}: the dialog with the caller (A, we are its UAS) and
 * with the callee (B, we are its UAC), linked as each other's {@link Dialog#other()}.
 */
public record B2bua(Dialog uas, Dialog uac) {
    /** Ends both legs (BYE on each). */
    public CompletableFuture<Void> destroy() {
        return CompletableFuture.allOf(uas.destroy(), uac.destroy());
    }
}
