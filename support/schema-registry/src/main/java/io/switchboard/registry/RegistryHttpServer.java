package io.switchboard.registry;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.switchboard.infrastructure.http.FramingAnswers;
import io.switchboard.infrastructure.http.StrictHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's HTTP server: Netty with the services' strict HTTP/1.1 framing and slow-client deadlines
 * ({@link StrictHttp}; refusals in the Confluent error body), bodies read whole up to {@link #MAX_BODY}, and the
 * routes run on a pool of {@code httpThreads} threads of their own, since they wait on Kafka (never on an event loop).
 */
final class RegistryHttpServer implements AutoCloseable {

    static final int MAX_BODY = 8 * 1024 * 1024;

    /** A refusal as Confluent's server words errors: {@code {"error_code": <status>, "message": ...}}. */
    static final FramingAnswers CONFLUENT_ERRORS = rejection -> {
        FullHttpResponse response = FramingAnswers.json(rejection, "{\"error_code\":" + rejection.status()
                + ",\"message\":" + FramingAnswers.quote(rejection.message()) + "}");
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, RegistryHttpHandler.CONTENT_TYPE);
        return response;
    };

    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel channel;

    private RegistryHttpServer(EventLoopGroup group, ExecutorService workers, Channel channel) {
        this.group = group;
        this.workers = workers;
        this.channel = channel;
    }

    static RegistryHttpServer start(RegistrySettings settings, RegistryRequestHandler.Answerer answerer,
                                    RegistryMetrics metrics) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, daemonThreads("schema-registry-io-"),
                NioIoHandler.newFactory());
        ExecutorService workers = Executors.newFixedThreadPool(settings.httpThreads(),
                daemonThreads("schema-registry-http-"));
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            StrictHttp.addLast(ch.pipeline(), settings.httpLimits(), CONFLUENT_ERRORS,
                                    metrics.framing());
                            ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                            ch.pipeline().addLast(new RegistryRequestHandler(answerer, workers, metrics));
                        }
                    })
                    .bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
            return new RegistryHttpServer(group, workers, channel);
        } catch (Exception e) {
            workers.shutdownNow();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
