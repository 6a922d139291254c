package io.sipflow.stack.transport.netty;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.sipflow.stack.transport.Flow;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's future of one write, completed by Netty's write promise: one object per send
 * serves as both (no lambda, no extra listener allocation on the hot path). Completes on the
 * channel's I/O thread: dependent stages must not block.
 */
final class SendFuture extends CompletableFuture<Flow> implements ChannelFutureListener {
    /** The flow written on; set before the write for a send queued on a pending connection. */
    Flow flow;

    SendFuture(Flow flow) {
        this.flow = flow;
    }

    @Override
    public void operationComplete(ChannelFuture f) {
        if (f.isSuccess()) complete(flow);
        else completeExceptionally(IoErrors.io(f.cause()));
    }
}
