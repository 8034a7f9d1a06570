package io.switchboard.registry;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One connection's requests, each read whole, answered on the worker pool one after another (so pipelined requests
 * are answered in their order), then written back; keep-alive as the client asks.
 */
final class RegistryRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** What answers a request: the REST API, {@code /health} and {@code /prometheus}. */
    @FunctionalInterface
    interface Answerer {
        RegistryHttpHandler.Answer answer(RegistryHttpHandler.Call call);
    }

    private final Answerer answerer;
    private final Executor workers;
    private final RegistryMetrics metrics;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    RegistryRequestHandler(Answerer answerer, Executor workers, RegistryMetrics metrics) {
        this.answerer = answerer;
        this.workers = workers;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        RegistryHttpHandler.Call call = new RegistryHttpHandler.Call(request.method().name(),
                query < 0 ? uri : uri.substring(0, query), query < 0 ? null : uri.substring(query + 1),
                request.headers().get(HttpHeaderNames.CONTENT_TYPE), request.headers().get(HttpHeaderNames.ACCEPT),
                ByteBufUtil.getBytes(request.content()));
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        previous = previous.thenRunAsync(() -> {
            long started = System.nanoTime();
            RegistryHttpHandler.Answer answer = answerer.answer(call);
            metrics.request(call.method(), answer.status(), System.nanoTime() - started);
            FullHttpResponse response = new DefaultFullHttpResponse(version,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            HttpUtil.setContentLength(response, answer.body().length);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }, workers).exceptionally(failure -> {
            ctx.close();
            return null;
        });
    }
}
