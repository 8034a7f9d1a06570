package io.switchboard.projector.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.MessageState;
import io.switchboard.schemas.avro.MessageStatus;
import io.switchboard.schemas.avro.StatusTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Feeds the state machine every order of a message's facts, each fact twice in a row (a duplicate), and checks what
 * must hold whatever the order: the final status, a timeline that only moves forward, and that duplicates change
 * nothing.
 */
class StatusOrderPropertyTest {

    private static final Map<MessageState, Integer> RANK = Map.of(MessageState.QUEUED, 0, MessageState.SENT, 1,
            MessageState.DELIVERED, 2, MessageState.READ, 3);

    private final StatusStateMachine machine = new StatusStateMachine();

    @Test
    void everyOrderOfTheHappyPathEndsReadWithAMonotonicTimeline() {
        List<StatusFact> facts = List.of(Facts.queued(), Facts.dispatcherSent(), Facts.whatsapp(FactKind.SENT, 2),
                Facts.whatsapp(FactKind.DELIVERED, 5), Facts.whatsapp(FactKind.READ, 60));
        List<List<StatusFact>> orders = permutations(facts);
        assertThat(orders).hasSize(120);

        for (List<StatusFact> order : orders) {
            MessageStatus status = applyCheckingDuplicates(order);

            assertThat(status.getStatus()).as("final status of %s", kinds(order)).isEqualTo(MessageState.READ);
            List<Integer> ranks = status.getTimeline().stream().map(t -> RANK.get(t.getStatus())).toList();
            assertThat(ranks).as("timeline ranks of %s", kinds(order)).isSorted().doesNotHaveDuplicates();
            assertThat(status.getTimeline().get(0).getStatus()).isEqualTo(MessageState.QUEUED);
            assertThat(status.getTimeline().get(0).getAt()).isEqualTo(Facts.ACCEPTED);
            assertThat(status.getWamid()).isEqualTo(Facts.WAMID);
            assertThat(status.getAccountId()).isEqualTo("acct-1");
            assertThat(status.getAttempts()).isEqualTo(1);
            assertThat(status.getUpdatedAt()).isEqualTo(Facts.at(60));
        }
    }

    @Test
    void everyOrderWithAFailureEndsReadOnceWhatsAppReportsRead() {
        List<StatusFact> facts = List.of(Facts.queued(), Facts.dispatcherSent(), Facts.whatsapp(FactKind.FAILED, 3),
                Facts.whatsapp(FactKind.DELIVERED, 5), Facts.whatsapp(FactKind.READ, 60));

        for (List<StatusFact> order : permutations(facts)) {
            MessageStatus status = applyCheckingDuplicates(order);

            assertThat(status.getStatus()).as("final status of %s", kinds(order)).isEqualTo(MessageState.READ);
            assertThat(status.getError()).isNull();
            assertThat(status.getTimeline()).extracting(StatusTransition::getStatus).endsWith(MessageState.READ);
        }
    }

    @Test
    void everyOrderOfAFailureWithoutDeliveryEndsFailedWithWhatsAppsError() {
        List<StatusFact> facts = List.of(Facts.queued(), Facts.attempt(1), Facts.dispatcherSent(),
                Facts.whatsapp(FactKind.SENT, 2), Facts.whatsapp(FactKind.FAILED, 3));

        for (List<StatusFact> order : permutations(facts)) {
            MessageStatus status = applyCheckingDuplicates(order);

            assertThat(status.getStatus()).as("final status of %s", kinds(order)).isEqualTo(MessageState.FAILED);
            assertThat(status.getError().getCode()).isEqualTo(131026);
            assertThat(status.getTimeline()).extracting(StatusTransition::getStatus).endsWith(MessageState.FAILED);
        }
    }

    private MessageStatus applyCheckingDuplicates(List<StatusFact> order) {
        MessageStatus status = null;
        for (StatusFact fact : order) {
            status = machine.apply(status, fact).orElse(status);
            assertThat(machine.apply(status, fact)).as("repeating %s of %s", fact.kind(), kinds(order)).isEmpty();
        }
        return status;
    }

    private static List<String> kinds(List<StatusFact> order) {
        return order.stream().map(f -> f.kind() + "/" + f.source()).toList();
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
