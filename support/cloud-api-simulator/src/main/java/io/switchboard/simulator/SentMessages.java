package io.switchboard.simulator;

import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent accepted sends, newest first, capped at {@code simulator.history-size} so that a load test can
 * run for hours without the simulator growing: the oldest message is forgotten when a new one would exceed the cap.
 * This is the simulator's only state, and it stands in for what Meta would know, not for our infrastructure, so
 * it lives in memory and is lost on restart.
 */
@Singleton
public class SentMessages {

    private final int capacity;
    private final Deque<SentMessage> newestFirst = new ArrayDeque<>();
    private final Map<String, SentMessage> byWamid = new HashMap<>();

    public SentMessages(SimulatorConfig config) {
        this.capacity = Math.max(1, config.getHistorySize());
    }

    public synchronized void add(SentMessage message) {
        newestFirst.addFirst(message);
        byWamid.put(message.wamid(), message);
        while (newestFirst.size() > capacity) {
            byWamid.remove(newestFirst.removeLast().wamid());
        }
    }

    /** Up to {@code limit} messages, newest first. */
    public synchronized List<SentMessage> recent(int limit) {
        List<SentMessage> result = new ArrayList<>(Math.min(Math.max(limit, 0), newestFirst.size()));
        Iterator<SentMessage> it = newestFirst.iterator();
        while (it.hasNext() && result.size() < limit) {
            result.add(it.next());
        }
        return result;
    }

    public synchronized Optional<SentMessage> find(String wamid) {
        return Optional.ofNullable(byWamid.get(wamid));
    }

    /** The newest recorded message of {@code type} sent from {@code phoneNumberId} to {@code waId}, if any. */
    public synchronized Optional<SentMessage> latestTo(String phoneNumberId, String waId, String type) {
        for (SentMessage message : newestFirst) {
            if (message.phoneNumberId().equals(phoneNumberId) && message.waId().equals(waId)
                    && message.type().equals(type)) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** Forgets every message and answers how many there were. */
    public synchronized int clear() {
        int size = newestFirst.size();
        newestFirst.clear();
        byWamid.clear();
        return size;
    }

    public synchronized int size() {
        return newestFirst.size();
    }
}
