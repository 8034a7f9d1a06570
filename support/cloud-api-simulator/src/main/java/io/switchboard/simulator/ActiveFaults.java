package io.switchboard.simulator;

import io.micronaut.core.annotation.Nullable;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FaultPlan} in force, with the state its draws need: one random source (seeded by {@code seed} when
 * given) and, for every fault limited by {@code count}, how many strikes are left. Installing a plan creates a new
 * instance, so counts and the random sequence restart whenever the plan changes.
 */
public final class ActiveFaults {

    /** What a send's status webhooks will suffer, drawn once when the send is accepted. */
    public record StatusFaults(boolean skipAll, boolean skipDelivered, boolean duplicate, boolean reorder,
                               @Nullable GraphError failure, boolean failAfterSent, long extraDelayMillis) {

        public static final StatusFaults NONE = new StatusFaults(false, false, false, false, null, true, 0);
    }

    private final FaultPlan plan;
    private final Random random;
    private final Map<FaultChance, AtomicInteger> remaining = new IdentityHashMap<>();

    public ActiveFaults(FaultPlan plan) {
        this.plan = plan;
        this.random = plan.seed() == null ? new Random() : new Random(plan.seed());
        plan.errors().forEach(this::track);
        track(plan.timeouts());
        WebhookFaults webhooks = plan.webhooks();
        track(webhooks.skipAll());
        track(webhooks.skipDelivered());
        track(webhooks.duplicate());
        track(webhooks.reorder());
        track(webhooks.fail());
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The wait before answering a send. */
    public long latencyMillis() {
        return plan.latency().sample(random);
    }

    /** The injected refusal of this send, or null: the first error rule that strikes it. */
    @Nullable
    public GraphError injectedError(String phoneNumberId, String waId) {
        for (ErrorRule rule : plan.errors()) {
            if (strikes(rule, phoneNumberId, waId)) {
                return rule.toError();
            }
        }
        return null;
    }

    /** How long this accepted send's answer is held back: 0 unless a timeout strikes it. */
    public long holdMillis(String phoneNumberId, String waId) {
        return strikes(plan.timeouts(), phoneNumberId, waId) ? plan.timeouts().holdMs() : 0;
    }

    public StatusFaults statusFaults(String phoneNumberId, String waId) {
        WebhookFaults webhooks = plan.webhooks();
        boolean failed = strikes(webhooks.fail(), phoneNumberId, waId);
        return new StatusFaults(
                strikes(webhooks.skipAll(), phoneNumberId, waId),
                strikes(webhooks.skipDelivered(), phoneNumberId, waId),
                strikes(webhooks.duplicate(), phoneNumberId, waId),
                strikes(webhooks.reorder(), phoneNumberId, waId),
                failed ? ErrorCatalog.error(webhooks.fail().code()) : null,
                webhooks.fail().afterSent(),
                webhooks.delayMs());
    }

    /** Whether {@code chance} strikes a send from {@code phoneNumberId} to {@code waId}; uses up a count. */
    boolean strikes(FaultChance chance, String phoneNumberId, String waId) {
        if (!chance.matches(phoneNumberId, waId)) {
            return false;
        }
        if (chance.count() != null) {
            return remaining.get(chance).getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        }
        return chance.rate() > 0 && random.nextDouble() < chance.rate();
    }

    private void track(FaultChance chance) {
        if (chance.count() != null) {
            remaining.put(chance, new AtomicInteger(chance.count()));
        }
    }
}
