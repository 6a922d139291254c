/**
 * The Netty implementation of the transport layer (RFC 3261 §18): {@link
 * io.sipflow.stack.transport.netty.NettyTransportLayer}.
 *
 * <h2>Division of work with the transaction layer</h2>
 * <ul>
 *   <li><b>Parse errors are answered by the listener, never by the transport.</b>
 *       {@code onParseError(e, flow)} is called on the I/O thread; a listener that wants to
 *       answer 400/505/513 builds the response from {@code e.partialMessage()} and sends it
 *       <em>synchronously</em> with {@code send(response, null, flow)}. On a stream (TCP/TLS)
 *       whose framing is lost the transport then closes the connection after that answer is
 *       flushed; on UDP and WebSocket the flow keeps working.
 *   <li>The transaction layer, not the transport, stamps {@code received}/{@code rport} in the
 *       top Via of inbound requests (§18.2.1, RFC 3581 §4) and computes where a response
 *       goes (§18.2.2, {@code ResponseRoute}); it passes the request's flow as {@code reuse}.
 *   <li>The §18.1.1 size rule is the caller's call: {@code chooseTransport} before writing
 *       the top Via; {@code send} never switches transports.
 * </ul>
 *
 * <h2>Threading</h2>
 * Every listener callback and every send future completes on an I/O thread: never block
 * there. Per-connection state is confined to its event loop; the connection pool is a
 * ConcurrentHashMap; the only lock is a pending connection's send queue while it is being
 * established.
 */
package io.sipflow.stack.transport.netty;
