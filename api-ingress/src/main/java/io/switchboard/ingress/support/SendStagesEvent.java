package io.switchboard.ingress.support;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One queued send's time in each stage, as a JDK Flight Recorder event (committed only while a recording asks for
 * it; without one it costs a few clock reads): where a slow 202 spent its time, inside the ingress: where the
 * tail at 5,000 sends/s comes from, which the HTTP client only sees as a sum. Record with
 * {@code -XX:StartFlightRecording} (or {@code jcmd <pid> JFR.start}) and read with
 * {@code jfr print --events io.switchboard.ingress.SendStages}.
 */
@Name("io.switchboard.ingress.SendStages")
@Label("Send stages")
@Category({"Switchboard", "Ingress"})
@Description("Time of one queued send in each stage: checks and parse, Redis gate, producer hand-off, broker ack, "
        + "thread hop back to the event loop")
@StackTrace(false)
public class SendStagesEvent extends Event {

    @Label("Checks")
    @Description("Authentication, body parse and validation, until the Redis gate was called")
    @Timespan(Timespan.NANOSECONDS)
    public long checks;

    @Label("Redis gate")
    @Description("From calling the send gate to its answer (Lettuce)")
    @Timespan(Timespan.NANOSECONDS)
    public long gate;

    @Label("Producer queue")
    @Description("From the gate's answer to producer.send() being called on the producer thread")
    @Timespan(Timespan.NANOSECONDS)
    public long producerQueue;

    @Label("Broker ack")
    @Description("From producer.send() to the producer's callback (linger, request, acks=all)")
    @Timespan(Timespan.NANOSECONDS)
    public long brokerAck;

    @Label("Ack hop")
    @Description("From the producer's callback until the acknowledgement ran on the request's event loop")
    @Timespan(Timespan.NANOSECONDS)
    public long ackHop;
}
