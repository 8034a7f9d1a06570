package io.switchboard.dispatcher;

import io.switchboard.schemas.avro.ErrorInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business numbers that WhatsApp is failing right now, as this instance sees them: a number is failing once
 * {@value #THRESHOLD} attempts in a row were refused with a retryable error (or went unanswered), and stops failing at
 * its next accepted send, or when no attempt failed for {@code forget-after} (nothing left to try). Shown on
 * {@code /health} as a degraded detail (the instance stays UP: restarting it would not help WhatsApp) and counted in
 * {@code dispatcher_failing_numbers}. Numbers are phone number ids, never phone numbers.
 */
public final class FailingNumbers {

    static final int THRESHOLD = 3;

    private record Streak(Integer code, String title, Instant since, Instant last, long failures) {
    }

    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
    private final Duration forgetAfter;

    public FailingNumbers(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    /** An attempt of {@code phoneNumberId} failed with a retryable error (or no answer). */
    public void failed(String phoneNumberId, ErrorInfo error, Instant at) {
        Integer code = error == null ? null : error.getCode();
        String title = error == null ? null : error.getTitle();
        streaks.merge(phoneNumberId, new Streak(code, title, at, at, 1),
                (old, fresh) -> new Streak(code, title, old.since(), at, old.failures() + 1));
    }

    /** WhatsApp accepted a send of {@code phoneNumberId}. */
    public void succeeded(String phoneNumberId) {
        if (!streaks.isEmpty()) {
            streaks.remove(phoneNumberId);
        }
    }

    /** The failing numbers, longest failing first, each with the last error and since when. */
    public List<Map<String, Object>> failing(Instant now) {
        streaks.entrySet().removeIf(e -> e.getValue().last().plus(forgetAfter).isBefore(now));
        return streaks.entrySet().stream().filter(e -> e.getValue().failures() >= THRESHOLD)
                .sorted(Comparator.comparing(e -> e.getValue().since()))
                .map(e -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("phone_number_id", e.getKey());
                    view.put("code", e.getValue().code());
                    view.put("title", e.getValue().title());
                    view.put("since", e.getValue().since().toString());
                    view.put("failed_attempts", e.getValue().failures());
                    return view;
                }).toList();
    }

    public int count() {
        return (int) streaks.values().stream().filter(s -> s.failures() >= THRESHOLD).count();
    }
}
