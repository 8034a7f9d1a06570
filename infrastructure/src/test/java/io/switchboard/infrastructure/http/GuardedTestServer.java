package io.switchboard.infrastructure.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain Netty HTTP server behind {@link StrictHttp}: answers every request it receives with 200 and its path (after
 * 300 ms for {@code /slow}), and records what it executed, so tests can tell a refused request from an executed one.
 */
final class GuardedTestServer implements AutoCloseable {

    final List<String> executed = new CopyOnWriteArrayList<>();
    final CountingMetrics metrics = new CountingMetrics();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel channel;

    GuardedTestServer(HttpLimits limits) throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        StrictHttp.addLast(ch.pipeline(), limits, FramingAnswers.CODE_AND_MESSAGE, metrics);
                        ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
                        ch.pipeline().addLast(new Executor());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Executor extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            executed.add(request.method() + " " + request.uri() + " " + request.content().toString(StandardCharsets.UTF_8));
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("executed " + request.uri(), StandardCharsets.UTF_8));
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, keepAlive);
            Runnable answer = () -> {
                var written = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            };
            if (request.uri().startsWith("/slow")) {
                ctx.executor().schedule(answer, 300, TimeUnit.MILLISECONDS);
            } else {
                answer.run();
            }
        }
    }

    static final class CountingMetrics implements FramingMetrics {
        final AtomicInteger rejected = new AtomicInteger();
        final AtomicInteger idleClosed = new AtomicInteger();

        @Override
        public void rejected(FramingRejection rejection) {
            rejected.incrementAndGet();
        }

        @Override
        public void idleClosed() {
            idleClosed.incrementAndGet();
        }
    }
}
