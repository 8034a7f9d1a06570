package io.switchboard.infrastructure.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Netty's {@code HttpServerCodec} (request decoder and response encoder, the encoder knowing which responses answer a
 * HEAD) made strict where Netty is lenient: a request with both Content-Length and Transfer-Encoding fails to decode
 * (Netty would drop the Content-Length and read it as chunked); a folded header line fails to decode (Netty would
 * join it to the previous header); duplicate Content-Length values and bare LF line ends fail as Netty's strict
 * settings make them. It also tells the {@link RequestGuard} when bytes arrive, for its deadlines, and stops decoding
 * at once when the guard refuses a request, so nothing sent after a refused request is ever read.
 */
public final class StrictHttpServerCodec
        extends CombinedChannelDuplexHandler<StrictHttpServerCodec.Decoder, StrictHttpServerCodec.Encoder> {

    private static final String FOLDED = "A header line starts with a space or tab (obsolete line folding); "
            + "send each header on a line of its own";

    private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>();
    private IntConsumer arrivals = bytes -> { };

    StrictHttpServerCodec(HttpLimits limits) {
        init(new Decoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(limits.maxChunkSize())
                .setInitialBufferSize(limits.initialBufferSize())
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)), new Encoder());
    }

    /** Called with the size of every read from the socket, before it is decoded. */
    void onBytes(IntConsumer listener) {
        this.arrivals = listener;
    }

    /** Reads nothing more from this connection: whatever arrives is dropped undecoded. */
    void discardInbound() {
        inboundHandler().discarding = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            arrivals.accept(bytes.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    /** The request decoder, scanning each head for folded lines before Netty parses it. */
    final class Decoder extends HttpRequestDecoder {
        private final HeadScanner scanner = new HeadScanner();
        private boolean inHead = true;
        /** Bytes after the reader index that the scanner has already seen (Netty consumes a head line by line). */
        private int scannedAhead;
        private boolean discarding;

        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            if (discarding) {
                in.skipBytes(in.readableBytes());
                return;
            }
            boolean scanned = inHead;
            if (inHead && scanner.scan(in, in.readerIndex() + scannedAhead, in.writerIndex()) == HeadScanner.FOLDED) {
                discarding = true;
                in.skipBytes(in.readableBytes());
                DefaultFullHttpRequest invalid = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                        "/bad-request", Unpooled.EMPTY_BUFFER);
                invalid.setDecoderResult(DecoderResult.failure(new FramingViolation(FOLDED)));
                methods.add(HttpMethod.GET);
                out.add(invalid);
                return;
            }
            int before = out.size();
            super.decode(ctx, in, out);
            boolean headDone = false;
            boolean messageDone = false;
            for (int i = before; i < out.size(); i++) {
                Object decoded = out.get(i);
                if (decoded instanceof HttpObject object && object.decoderResult().isFailure()) {
                    discarding = true;
                }
                if (decoded instanceof HttpRequest request) {
                    methods.add(request.method());
                    headDone = true;
                }
                if (decoded instanceof LastHttpContent) {
                    messageDone = true;
                }
            }
            if (messageDone) {
                inHead = true;
                scanner.reset();
                scannedAhead = 0;
            } else if (headDone) {
                inHead = false;
                scannedAhead = 0;
            } else if (scanned) {
                scannedAhead = in.readableBytes();
            }
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            if (discarding) {
                in.skipBytes(in.readableBytes());
                return;
            }
            super.decodeLast(ctx, in, out);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            throw new FramingViolation(RequestHeadRules.bothLengths().message());
        }
    }

    /** The response encoder: no body after a HEAD, none of Transfer-Encoding on a CONNECT's 2xx (as Netty's). */
    final class Encoder extends HttpResponseEncoder {
        private HttpMethod method;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            method = msg.status().codeClass() == HttpStatusClass.INFORMATIONAL ? methods.peek() : methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method)
                    && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }
    }
}
