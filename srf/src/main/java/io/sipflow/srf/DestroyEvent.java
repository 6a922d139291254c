package io.sipflow.srf;

/**
 * A dialog ended.
 *
 * @param reason why
 * @param request the BYE / terminating NOTIFY that ended it, or null when ended locally or by a timer
 */
public record DestroyEvent(DestroyReason reason, Request request) {}
