package io.switchboard.ingress.fast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.ingress.send.SendEndpoint;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Per connection, in front of Micronaut's request handler: answers the two hot send routes itself (see
 * {@link FastSends#route}) and passes everything else on. HTTP/1.1 order is kept: a fast request is taken only
 * when no earlier request is still with Micronaut, and while it is answered, later messages (pipelined) are held
 * and Micronaut's reads are held back, then replayed in order.
 */
final class FastSendHandler extends ChannelDuplexHandler {

    private final FastSends sends;
    /** Requests handed to Micronaut whose response has not been written to its end yet. */
    private int downstream;
    private Capture capture;
    private boolean busy;
    private boolean readHeld;
    private final ArrayDeque<Object> held = new ArrayDeque<>();

    FastSendHandler(FastSends sends) {
        this.sends = sends;
    }

    private static final class Capture {
        final HttpRequest request;
        final SendEndpoint endpoint;
        CompositeByteBuf body;

        Capture(HttpRequest request, SendEndpoint endpoint, CompositeByteBuf body) {
            this.request = request;
            this.endpoint = endpoint;
            this.body = body;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (busy || !held.isEmpty()) {
            held.add(msg);
            return;
        }
        dispatch(ctx, msg);
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            SendEndpoint endpoint = downstream == 0 && capture == null ? sends.route(request) : null;
            if (endpoint == null) {
                downstream++;
                ctx.fireChannelRead(msg);
                return;
            }
            capture = new Capture(request, endpoint, ctx.alloc().compositeBuffer(64));
        } else if (capture == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            ByteBuf bytes = content.content();
            if (capture.body != null) {
                if (capture.body.readableBytes() + (long) bytes.readableBytes() > sends.maxBodySize()) {
                    capture.body.release();
                    capture.body = null;
                } else if (bytes.isReadable()) {
                    capture.body.addComponent(true, bytes.retain());
                }
            }
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                Capture done = capture;
                capture = null;
                answer(ctx, done);
            }
        }
    }

    private void answer(ChannelHandlerContext ctx, Capture done) {
        busy = true;
        byte[] body = null;
        if (done.body != null) {
            body = ByteBufUtil.getBytes(done.body);
            done.body.release();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(done.request);
        CompletableFuture<FullHttpResponse> answered;
        try {
            answered = sends.answer(done.endpoint, done.request, body, ctx.channel().eventLoop());
        } catch (RuntimeException e) {
            answered = CompletableFuture.completedFuture(sends.internalError(e));
        }
        answered.whenComplete((response, failure) -> {
            FullHttpResponse answer = response;
            if (answer == null) {
                ctx.channel().close();
                return;
            }
            if (!keepAlive) {
                answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.writeAndFlush(answer).addListener((ChannelFutureListener) written -> {
                if (!keepAlive || !written.isSuccess()) {
                    written.channel().close();
                    return;
                }
                resume(ctx);
            });
        });
    }

    /** On the event loop, after the fast answer was written: the held messages in order, then reading again. */
    private void resume(ChannelHandlerContext ctx) {
        busy = false;
        boolean replayed = !held.isEmpty();
        while (!busy && !held.isEmpty()) {
            dispatch(ctx, held.poll());
        }
        if (replayed) {
            // Micronaut acts on what it read at the end of a read (its optimistic buffering): as after a socket read.
            ctx.fireChannelReadComplete();
        }
        if (!busy && held.isEmpty()) {
            if (readHeld || capture != null || downstream == 0) {
                readHeld = false;
                ctx.read();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (capture != null && !busy) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (busy || !held.isEmpty()) {
            readHeld = true;
            return;
        }
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // Only Micronaut's writes pass here (the fast answers start at this handler): the end of each of its
        // responses, an interim 100 Continue aside.
        if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse response
                && response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL)) {
            downstream = Math.max(0, downstream - 1);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (capture != null && capture.body != null) {
            capture.body.release();
        }
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }
}
