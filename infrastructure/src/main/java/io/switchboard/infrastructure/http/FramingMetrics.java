package io.switchboard.infrastructure.http;

/** What the guard reports: every refused request, and every idle kept-alive connection it closed. */
public interface FramingMetrics {

    FramingMetrics NONE = new FramingMetrics() {
        @Override
        public void rejected(FramingRejection rejection) {
        }

        @Override
        public void idleClosed() {
        }
    };

    void rejected(FramingRejection rejection);

    void idleClosed();
}
