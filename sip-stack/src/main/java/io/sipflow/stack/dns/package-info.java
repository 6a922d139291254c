/**
 * Locating SIP servers (RFC 3263): from a SIP URI to the ordered list of transport, address and
 * port targets a request is tried on, and from a Via sent-by to where a response goes (§5).
 *
 * <p>{@link io.sipflow.stack.dns.ServerLocator} is the contract the transaction layer uses;
 * {@link io.sipflow.stack.dns.DnsServerLocator} implements it with NAPTR, SRV and A/AAAA records
 * looked up asynchronously through dnsjava, cached by TTL. The DNS wire format is dnsjava's
 * business; this package only decides what to ask and what the answers mean.
 */
package io.sipflow.stack.dns;
