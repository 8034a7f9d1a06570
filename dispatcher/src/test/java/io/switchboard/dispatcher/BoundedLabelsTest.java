package io.switchboard.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedLabelsTest {

    @Test
    void theFirstValuesKeepTheirLabelAndLaterOnesAreOther() {
        BoundedLabels labels = new BoundedLabels(2);

        assertThat(labels.of("106540352242922")).isEqualTo("106540352242922");
        assertThat(labels.of("106540352242923")).isEqualTo("106540352242923");
        assertThat(labels.of("106540352242924")).isEqualTo(BoundedLabels.OTHER);
        assertThat(labels.of("106540352242922")).as("a kept value stays").isEqualTo("106540352242922");
        assertThat(labels.of(null)).isEqualTo(BoundedLabels.NONE);
    }
}
