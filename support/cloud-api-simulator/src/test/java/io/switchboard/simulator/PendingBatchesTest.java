package io.switchboard.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-number batches: the first item starts the timer, the item that fills a batch hands it over, once. */
class PendingBatchesTest {

    @Test
    void theFirstItemStartsATimerAndTheItemThatFillsTheBatchHandsItOver() {
        PendingBatches<String> batches = new PendingBatches<>(3);

        PendingBatches.Added<String> first = batches.add("n1", "a");
        PendingBatches.Added<String> second = batches.add("n1", "b");
        PendingBatches.Added<String> third = batches.add("n1", "c");

        assertThat(first.startTimer()).isTrue();
        assertThat(first.full()).isNull();
        assertThat(second.startTimer()).isFalse();
        assertThat(second.full()).isNull();
        assertThat(third.full()).containsExactly("a", "b", "c");
        // The timer of the batch that went out full takes nothing.
        assertThat(batches.take("n1", first.batch())).isNull();
    }

    @Test
    void aTimerTakesItsBatchOnlyOnceAndTheNextItemOpensANewBatch() {
        PendingBatches<String> batches = new PendingBatches<>(10);
        PendingBatches.Added<String> first = batches.add("n1", "a");
        batches.add("n1", "b");

        assertThat(batches.take("n1", first.batch())).containsExactly("a", "b");
        assertThat(batches.take("n1", first.batch())).isNull();
        PendingBatches.Added<String> next = batches.add("n1", "c");
        assertThat(next.startTimer()).isTrue();
        assertThat(next.batch()).containsExactly("c");
    }

    @Test
    void eachBusinessNumberHasItsOwnBatch() {
        PendingBatches<String> batches = new PendingBatches<>(2);

        PendingBatches.Added<String> one = batches.add("n1", "a");
        PendingBatches.Added<String> two = batches.add("n2", "b");
        PendingBatches.Added<String> full = batches.add("n1", "c");

        assertThat(one.startTimer()).isTrue();
        assertThat(two.startTimer()).isTrue();
        assertThat(full.full()).containsExactly("a", "c");
        assertThat(batches.takeAll()).containsExactly(List.of("b"));
    }

    @Test
    void aBatchOfOneGoesOutAtOnceAndZeroIsRefused() {
        PendingBatches<String> batches = new PendingBatches<>(1);

        assertThat(batches.add("n1", "a").full()).containsExactly("a");
        assertThatThrownBy(() -> new PendingBatches<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
