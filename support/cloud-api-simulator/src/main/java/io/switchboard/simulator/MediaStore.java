package io.switchboard.simulator;

import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Uploaded media, in memory, under a bounded total size ({@code simulator.media.max-total-bytes}): storing a file
 * evicts the oldest uploads until the total fits again, so a long load test cannot exhaust the heap. Ids look like
 * Meta's media ids (16 digits). An evicted or deleted id is unknown from then on, as an expired one is at Meta.
 */
@Singleton
public class MediaStore {

    /** One stored file; {@code sha256} is lowercase hex of the bytes. */
    public record StoredMedia(String id, String phoneNumberId, String mimeType, byte[] content, String sha256,
                              Instant uploadedAt) {
    }

    private final long maxTotalBytes;
    private final Map<String, StoredMedia> oldestFirst = new LinkedHashMap<>();
    private long totalBytes;

    public MediaStore(MediaConfig config) {
        this.maxTotalBytes = Math.max(1, config.getMaxTotalBytes());
    }

    /** Stores the file and answers it with its new id; 131053 when it alone exceeds the total bound. */
    public StoredMedia store(String phoneNumberId, String mimeType, byte[] content) {
        if (content.length > maxTotalBytes) {
            throw GraphError.mediaError("The file (" + content.length + " bytes) is larger than the simulator's"
                    + " whole media store (simulator.media.max-total-bytes=" + maxTotalBytes + ").").exception();
        }
        String id = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L,
                10_000_000_000_000_000L));
        StoredMedia media = new StoredMedia(id, phoneNumberId, mimeType, content, sha256(content), Instant.now());
        synchronized (this) {
            oldestFirst.put(id, media);
            totalBytes += content.length;
            var it = oldestFirst.values().iterator();
            while (totalBytes > maxTotalBytes && it.hasNext()) {
                StoredMedia oldest = it.next();
                it.remove();
                totalBytes -= oldest.content().length;
            }
        }
        return media;
    }

    public synchronized Optional<StoredMedia> find(String id) {
        return Optional.ofNullable(oldestFirst.get(id));
    }

    /** Forgets the file; answers whether it was known. */
    public synchronized boolean delete(String id) {
        StoredMedia removed = oldestFirst.remove(id);
        if (removed != null) {
            totalBytes -= removed.content().length;
        }
        return removed != null;
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
