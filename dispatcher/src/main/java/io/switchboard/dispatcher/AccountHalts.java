package io.switchboard.dispatcher;

import io.lettuce.core.SetArgs;
import io.switchboard.schemas.avro.ErrorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WhatsApp Business accounts halted by an account-wide HALT verdict (invalid token, missing permission, account
 * locked, payment or policy problem: see {@link SendOutcomeClassifier#haltsAccount}), shared by every instance through
 * Redis: {@code account:{accountId}:halt} holds the first halting error as JSON, with no expiry, until an operator
 * clears it ({@code POST /admin/halts/accounts/{accountId}/clear}).
 *
 * <p>The account's numbers live under other hash tags, so the pacing script cannot read this key atomically on a
 * Redis Cluster. Instead each instance keeps the halted accounts it has seen in memory and re-reads, every
 * {@code halt-recheck-interval}, the key of every account it has delivered for ({@link #refresh()}: one GET per
 * account, never a keyspace scan). An instance that halts an account stops at once; the others stop within one
 * interval (sooner if their own sends are refused), and all resume within one interval of the clear. Sends before
 * that are harmless: WhatsApp refuses them with the same code and they wait like the others.
 */
public final class AccountHalts {

    private final RedisConnector redis;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Map<String, Known> halted = new ConcurrentHashMap<>();

    /**
     * A halt this instance knows of; {@code stored} once Redis is known to hold it. A refresh may undo only a stored
     * halt: a GET that finds no key says nothing about a halt whose SET may still be on its way.
     */
    private record Known(Map<String, Object> halt, boolean stored) {
    }

    public AccountHalts(RedisConnector redis) {
        this.redis = redis;
    }

    /** Whether sends for {@code accountId} must wait; also makes {@link #refresh()} look at it from now on. */
    public boolean isHalted(String accountId) {
        if (accountId == null) {
            return false;
        }
        watched.add(accountId);
        return halted.containsKey(accountId);
    }

    /** Halts the account unless it already is (the first cause is kept); true if newly halted. */
    public CompletableFuture<Boolean> halt(String accountId, String phoneNumberId, ErrorInfo error, String messageId) {
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("account_id", accountId);
        scope.put("phone_number_id", phoneNumberId);
        Map<String, Object> halt = HaltRecords.of(scope, error, messageId);
        watched.add(accountId);
        halted.putIfAbsent(accountId, new Known(halt, false));
        return redis.commands().thenCompose(commands -> commands.set(key(accountId), HaltRecords.write(halt), SetArgs.Builder.nx())
                .toCompletableFuture().thenCompose(reply -> {
                    if ("OK".equals(reply)) {
                        halted.computeIfPresent(accountId, (id, known) -> new Known(known.halt(), true));
                        return CompletableFuture.completedFuture(true);
                    }
                    // Already halted elsewhere: show the first cause, as every other instance does.
                    return commands.get(key(accountId)).toCompletableFuture().thenApply(first -> {
                        if (first != null) {
                            halted.put(accountId, new Known(HaltRecords.read(first), true));
                        }
                        return false;
                    });
                }));
    }

    /** Clears the account's halt; true if it was halted. Other instances follow within one refresh. */
    public CompletableFuture<Boolean> clear(String accountId) {
        return redis.commands().thenCompose(commands -> commands.del(key(accountId)).toCompletableFuture())
                .thenApply(deleted -> {
                    boolean wasLocal = halted.remove(accountId) != null;
                    return deleted > 0 || wasLocal;
                });
    }

    /** Re-reads the halt of every account this instance delivers for; failures keep the last known state. */
    public CompletableFuture<Void> refresh() {
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (String accountId : watched) {
            // What this instance knew when the read began. A missing key undoes only a halt Redis had acknowledged
            // before the GET was sent (a clear); a halt recorded here whose SET may not have reached Redis yet (it
            // can be recorded between this snapshot and the GET, or its SET can follow the GET) stays.
            Known before = halted.get(accountId);
            reads.add(redis.commands().thenCompose(commands -> commands.get(key(accountId)).toCompletableFuture())
                    .thenAccept(value -> {
                        if (value == null) {
                            if (before != null && before.stored()) {
                                halted.remove(accountId, before);
                            }
                        } else if (before == null) {
                            halted.putIfAbsent(accountId, new Known(HaltRecords.read(value), true));
                        } else {
                            halted.replace(accountId, before, new Known(HaltRecords.read(value), true));
                        }
                    }));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    /** The halted accounts this instance knows of, with their causes, without asking Redis (for health). */
    public List<Map<String, Object>> known() {
        return halted.values().stream().map(Known::halt).toList();
    }

    /** Every halted account in Redis with its cause (admin listing; scans the keyspace). */
    public CompletableFuture<List<Map<String, Object>>> list() {
        return HaltRecords.list(redis, "account:*:halt");
    }

    static String key(String accountId) {
        return "account:{" + accountId + "}:halt";
    }
}
