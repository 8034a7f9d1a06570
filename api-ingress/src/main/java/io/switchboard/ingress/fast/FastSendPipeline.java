package io.switchboard.ingress.fast;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

/**
 * Puts a {@link FastSendHandler} in front of Micronaut's request handler on every HTTP/1.1 connection, when
 * {@code switchboard.ingress.fast-path.enabled} is not false.
 */
@Singleton
@Requires(property = "switchboard.ingress.fast-path.enabled", notEquals = "false")
public class FastSendPipeline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final FastSends sends;

    public FastSendPipeline(FastSends sends) {
        this.sends = sends;
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
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null
                    && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "switchboard-fast-send",
                        new FastSendHandler(sends));
            }
        }
    }
}
