package io.switchboard.infrastructure.http;

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
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right behind the {@link StrictHttpServerCodec} on every connection: lets a request reach the application only when
 * its head passes {@link RequestHeadRules}, and enforces the {@link ReadDeadlines}. A refused or timed-out request is
 * never passed on (a chunked body that turns out malformed is cut off before its end, so the application never sees
 * a complete request); from then on nothing more is read, the refusal is answered in its place among the responses
 * (after those the connection still owes, in order), and the connection is closed. Everything runs on the
 * connection's event loop; the deadlines cost a timestamp per request and one timer per connection.
 */
final class RequestGuard extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    private final HttpLimits limits;
    private final FramingAnswers answers;
    private final FramingMetrics metrics;
    private final StrictHttpServerCodec codec;
    private ReadDeadlines deadlines;
    private ScheduledFuture<?> ticker;
    private long forwarded;
    private long completed;
    private boolean responding;
    private ChannelPromise lastResponseEnd;
    private FramingRejection rejection;
    private long rejectedIndex;
    private long rejectedAt;
    private boolean settled;

    RequestGuard(HttpLimits limits, FramingAnswers answers, FramingMetrics metrics, StrictHttpServerCodec codec) {
        this.limits = limits;
        this.answers = answers;
        this.metrics = metrics;
        this.codec = codec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadlines = new ReadDeadlines(limits, System.nanoTime());
        codec.onBytes(count -> {
            if (rejection == null) {
                deadlines.bytesArrived(System.nanoTime(), count);
                clientsTurn();
            }
        });
        if (ctx.channel().isActive()) {
            startTicking(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startTicking(ctx);
        ctx.fireChannelActive();
    }

    private void startTicking(ChannelHandlerContext ctx) {
        if (ticker == null) {
            long every = limits.tick().toNanos();
            ticker = ctx.executor().scheduleWithFixedDelay(() -> tick(ctx), every, every, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejection != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            FramingRejection problem = RequestHeadRules.check(request, limits);
            if (problem != null) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, problem, forwarded + 1);
                return;
            }
            forwarded++;
            deadlines.headDone(System.nanoTime(), msg instanceof LastHttpContent);
        } else if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, RequestHeadRules.forFailure(content.decoderResult().cause(), true, limits), forwarded);
                return;
            }
            if (msg instanceof LastHttpContent) {
                deadlines.bodyDone(System.nanoTime());
            }
        }
        clientsTurn();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (rejection == null) {
            ctx.read();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            // An interim 100 Continue is not the answer to its request.
            responding = response.status().codeClass() != HttpStatusClass.INFORMATIONAL;
        }
        if (!(msg instanceof LastHttpContent) || !responding) {
            ctx.write(msg, promise);
            return;
        }
        responding = false;
        completed++;
        lastResponseEnd = promise.unvoid();
        if (rejection != null && completed >= rejectedIndex) {
            // The application answered the refused request itself: that answer ends the connection.
            settled = true;
            ctx.write(msg, lastResponseEnd.addListener(ChannelFutureListener.CLOSE));
            return;
        }
        ctx.write(msg, lastResponseEnd);
        if (rejection != null) {
            answerInTurn(ctx);
        } else {
            clientsTurn();
        }
    }

    private void refuse(ChannelHandlerContext ctx, FramingRejection problem, long index) {
        rejection = problem;
        rejectedIndex = index;
        rejectedAt = System.nanoTime();
        codec.discardInbound();
        metrics.rejected(problem);
        LOG.debug("Refused request {} on {}: {} {}", index, ctx.channel().remoteAddress(), problem.status(),
                problem.message());
        answerInTurn(ctx);
    }

    /** Answers the refusal once every earlier request is answered, then closes. */
    private void answerInTurn(ChannelHandlerContext ctx) {
        if (settled || completed < rejectedIndex - 1 || responding) {
            return;
        }
        settled = true;
        if (completed >= rejectedIndex) {
            // Already answered by the application (an early answer, before the body went wrong): just close.
            if (lastResponseEnd != null) {
                lastResponseEnd.addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
            return;
        }
        FullHttpResponse answer = answers.answer(rejection);
        answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    /** Tells the deadlines whether the client alone is to blame for any wait now. */
    private void clientsTurn() {
        long owed = forwarded - completed;
        boolean clientsTurn = deadlines.phase() == ReadDeadlines.Phase.BODY ? owed <= 1 : owed == 0 && !responding;
        deadlines.counting(System.nanoTime(), clientsTurn);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (rejection != null) {
            // Still waiting for earlier answers to write the refusal after them: not for longer than an idle wait.
            if (!settled && System.nanoTime() - rejectedAt > limits.keepAliveTimeout().toNanos()) {
                ctx.close();
            }
            return;
        }
        clientsTurn();
        switch (deadlines.check(System.nanoTime())) {
            case NONE -> { }
            case HEAD_BEFORE_ANY_BYTE -> ctx.close();
            case IDLE -> {
                metrics.idleClosed();
                ctx.close();
            }
            case HEAD -> refuse(ctx, new FramingRejection(FramingError.REQUEST_TIMEOUT, "The request head did not "
                    + "arrive within " + limits.headerTimeout().toMillis() + " ms of its first byte"), forwarded + 1);
            case BODY -> refuse(ctx, new FramingRejection(FramingError.REQUEST_TIMEOUT, "The request body did not "
                    + "arrive in time (" + limits.bodyTimeout().toMillis() + " ms, plus one second per "
                    + limits.bodyMinBytesPerSecond() + " bytes received)"), forwarded);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTicking();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTicking();
    }

    private void stopTicking() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }
}
