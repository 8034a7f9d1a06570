package io.switchboard.infrastructure.http;

import io.netty.channel.ChannelPipeline;

/**
 * Puts strict HTTP/1.1 framing on a connection's pipeline: the {@link StrictHttpServerCodec} in place of Netty's
 * server codec, and the {@link RequestGuard} right behind it. Used by every HTTP server we run: the Micronaut
 * services (through {@code micronaut.StrictFramingCustomizer}) and plain Netty servers.
 */
public final class StrictHttp {

    /** The name of the guard in the pipeline. */
    public static final String GUARD = "switchboard-request-guard";
    /** The name of the codec when {@link #addLast} adds it. */
    public static final String CODEC = "switchboard-http-codec";

    private StrictHttp() {
    }

    /** Replaces the server codec named {@code codecName} (before any byte was read) and adds the guard after it. */
    public static void replaceCodec(ChannelPipeline pipeline, String codecName, HttpLimits limits,
                                    FramingAnswers answers, FramingMetrics metrics) {
        StrictHttpServerCodec codec = new StrictHttpServerCodec(limits);
        pipeline.replace(codecName, codecName, codec);
        pipeline.addAfter(codecName, GUARD, new RequestGuard(limits, answers, metrics, codec));
    }

    /** Adds the codec and the guard at the end of a plain Netty server's pipeline. */
    public static void addLast(ChannelPipeline pipeline, HttpLimits limits, FramingAnswers answers,
                               FramingMetrics metrics) {
        StrictHttpServerCodec codec = new StrictHttpServerCodec(limits);
        pipeline.addLast(CODEC, codec);
        pipeline.addLast(GUARD, new RequestGuard(limits, answers, metrics, codec));
    }
}
