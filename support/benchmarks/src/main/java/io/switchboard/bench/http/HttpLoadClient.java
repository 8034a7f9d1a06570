package io.switchboard.bench.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lean non-blocking HTTP/1.1 client for load generation: a fixed number of keep-alive connections to one host, one
 * request in flight per connection (no pipelining, as browsers and most SDKs), and a queue for requests that find
 * every connection busy. Requests wait in that queue rather than being refused, so an open-loop run that outruns the
 * server shows the wait in its latencies (measured by the caller from the intended start) instead of hiding it.
 */
public final class HttpLoadClient implements AutoCloseable {

    /** Called once per request, on a Netty thread: status (or -1 on a transport error), body, and the error if any. */
    public interface Callback {
        void done(int status, String body, Throwable error);
    }

    /** One request to send. */
    public record Request(HttpMethod method, String path, Map<String, String> headers, byte[] body, Callback callback) {
    }

    private static final AttributeKey<Request> IN_FLIGHT = AttributeKey.valueOf("bench-in-flight");

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Queue<Channel> idle = new ConcurrentLinkedQueue<>();
    private final Queue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();

    public HttpLoadClient(String baseUrl, int maxConnections, int ioThreads) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.hostHeader = host + ":" + port;
        this.maxConnections = maxConnections;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(4 * 1024 * 1024),
                                new ResponseHandler());
                    }
                });
    }

    /** Requests queued because every connection was busy. */
    public int waiting() {
        return waitingCount.get();
    }

    public void send(Request request) {
        Channel channel = idle.poll();
        while (channel != null && !channel.isActive()) {
            open.decrementAndGet();
            channel = idle.poll();
        }
        if (channel != null) {
            write(channel, request);
            return;
        }
        if (open.incrementAndGet() <= maxConnections) {
            connect(request);
            return;
        }
        open.decrementAndGet();
        waitingCount.incrementAndGet();
        waiting.add(request);
        // A connection may have become idle between the poll above and the add: hand the request to it now.
        Channel late = idle.poll();
        if (late != null) {
            release(late);
        }
    }

    private void connect(Request request) {
        bootstrap.connect(host, port).addListener(future -> {
            if (!future.isSuccess()) {
                open.decrementAndGet();
                request.callback().done(-1, null, future.cause());
                return;
            }
            Channel channel = ((io.netty.channel.ChannelFuture) future).channel();
            channel.closeFuture().addListener(closed -> {
                Request lost = channel.attr(IN_FLIGHT).getAndSet(null);
                if (lost != null) {
                    open.decrementAndGet();
                    lost.callback().done(-1, null, new java.io.IOException("connection closed"));
                }
            });
            write(channel, request);
        });
    }

    private void write(Channel channel, Request request) {
        DefaultFullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                request.path(), request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body()));
        http.headers().set(HttpHeaderNames.HOST, hostHeader);
        http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        http.headers().set(HttpHeaderNames.CONTENT_LENGTH, request.body() == null ? 0 : request.body().length);
        request.headers().forEach((name, value) -> http.headers().set(name, value));
        channel.attr(IN_FLIGHT).set(request);
        channel.writeAndFlush(http).addListener(written -> {
            if (!written.isSuccess()) {
                channel.close();
            }
        });
    }

    /** The connection is free: give it the next waiting request, or park it. */
    private void release(Channel channel) {
        Request next = waiting.poll();
        if (next != null) {
            waitingCount.decrementAndGet();
            write(channel, next);
        } else {
            idle.add(channel);
        }
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Request request = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            int status = response.status().code();
            String body = response.content().toString(StandardCharsets.UTF_8);
            boolean keepAlive = !response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
            if (keepAlive) {
                release(ctx.channel());
            } else {
                open.decrementAndGet();
                ctx.close();
            }
            if (request != null) {
                request.callback().done(status, body, null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
