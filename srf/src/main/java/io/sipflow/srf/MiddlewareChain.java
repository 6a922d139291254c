package io.sipflow.srf;

import io.sipflow.message.SipMethod;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's walk through the layers (drachtio/connect semantics): layers whose method
 * matches run in order; an exception skips to the error layers; when the walk runs off the end
 * without a final response the default answer is sent: PRACK → 200, ACK nothing, an in-dialog
 * request → 481 (RFC 3261 §12.2.2), anything else → 404; after an error → 500 or the
 * {@link SipError}'s status.
 */
final class MiddlewareChain implements Chain {
    private static final Logger log = LoggerFactory.getLogger(MiddlewareChain.class);

    /** A registered layer: method filter (null = all) and one of the handler kinds. */
    record Layer(String method, Middleware middleware, ErrorMiddleware errorMiddleware, boolean nonBlocking) {
        Layer(String method, Middleware middleware, ErrorMiddleware errorMiddleware) {
            this(method, middleware, errorMiddleware,
                    NonBlocking.isNonBlocking(middleware) || NonBlocking.isNonBlocking(errorMiddleware));
        }

        boolean matches(String m) {
            return method == null || method.equalsIgnoreCase(m);
        }
    }

    /** True when every (non-error) layer for {@code method} promised not to block: the chain may run on the call's shard. */
    static boolean nonBlocking(List<Layer> layers, String method) {
        for (Layer l : layers) {
            if (l.middleware() != null && !l.nonBlocking() && l.matches(method)) return false;
        }
        return true;
    }

    private final List<Layer> layers;
    private final Request req;
    private final Response res;
    private int index;
    private Throwable error;

    MiddlewareChain(List<Layer> layers, Request req, Response res) {
        this.layers = layers;
        this.req = req;
        this.res = res;
    }

    void start() {
        next();
    }

    @Override
    public void next() {
        advance();
    }

    @Override
    public void next(Throwable e) {
        error = e == null ? new IllegalStateException("next(null)") : e;
        advance();
    }

    private void advance() {
        while (index < layers.size()) {
            Layer l = layers.get(index);
            boolean runs = l.matches(req.method()) && (error == null ? l.middleware() != null : l.errorMiddleware() != null);
            if (runs && !l.nonBlocking() && Lane.onShard()) {
                // A layer that may block, reached on the call's shard: the rest of the walk goes to a virtual thread.
                req.srf.userExecutor().execute(this::advance);
                return;
            }
            index++;
            if (!l.matches(req.method())) continue;
            if (error == null && l.middleware() != null) {
                invoke(() -> l.middleware().handle(req, res, this));
                return;
            }
            if (error != null && l.errorMiddleware() != null) {
                Throwable e = error;
                error = null;
                invoke(() -> l.errorMiddleware().handle(e, req, res, this));
                return;
            }
        }
        fallThrough();
    }

    private interface Step {
        void run() throws Exception;
    }

    private void invoke(Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vme) throw vme;
            next(e);
        }
    }

    private void fallThrough() {
        if (res.finalResponseSent()) return;
        if (error != null) {
            if (error instanceof SipError se && se.status() >= 300) {
                res.send(se.status(), se.reason());
            } else {
                log.warn("{} handler failed", req.method(), error);
                res.send(500);
            }
            return;
        }
        String m = req.method();
        if (SipMethod.PRACK.equals(m)) res.send(200);
        else if (SipMethod.ACK.equals(m)) return;
        else if (req.message().to() != null && req.message().to().tag() != null) res.send(481);
        else res.send(404);
    }
}
