package io.switchboard.infrastructure.http.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.switchboard.infrastructure.http.FramingAnswers;
import io.switchboard.infrastructure.http.FramingMetrics;
import io.switchboard.infrastructure.http.HttpLimits;
import io.switchboard.infrastructure.http.StrictHttp;
import jakarta.inject.Singleton;

/**
 * Gives every HTTP/1.1 connection of a Micronaut server strict framing and deadlines ({@link StrictHttp}): Micronaut's
 * server codec is replaced before the connection reads its first byte. A service answers refusals in its own error
 * envelope by providing a {@link FramingAnswers} bean (else {@code {"code","message"}}).
 */
@Singleton
@Requires(classes = NettyServerCustomizer.class)
@Requires(property = HttpFramingProperties.PREFIX + ".strict-framing", notEquals = "false")
public class StrictFramingCustomizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final HttpLimits limits;
    private final FramingAnswers answers;
    private final FramingMetrics metrics;

    StrictFramingCustomizer(HttpFramingProperties properties, NettyHttpServerConfiguration server,
                            @Nullable FramingAnswers answers, @Nullable FramingMetrics metrics) {
        this.limits = properties.limits(server.getMaxInitialLineLength(), server.getMaxHeaderSize(),
                server.getMaxChunkSize(), server.getInitialBufferSize());
        this.answers = answers == null ? FramingAnswers.CODE_AND_MESSAGE : answers;
        this.metrics = metrics == null ? FramingMetrics.NONE : metrics;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            // Only the plain HTTP/1.1 pipeline: h2c and HTTP/2 connections frame requests differently.
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC)
                    instanceof HttpServerCodec) {
                StrictHttp.replaceCodec(channel.pipeline(), ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        limits, answers, metrics);
            }
        }
    }
}
