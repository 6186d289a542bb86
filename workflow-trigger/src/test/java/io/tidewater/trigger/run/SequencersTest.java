package io.tidewater.trigger.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequencersTest {

    @Test
    void padsTheShorterSequencerWithZerosBeforeComparing() {
        assertThat(Sequencers.compare("0055AED6DCD90281E5", "0055AED6DCD90281E500"))
                .isZero();
        assertThat(Sequencers.compare("0055AED6DCD90281E6", "0055AED6DCD90281E500"))
                .isPositive();
        assertThat(Sequencers.compare("0055AED6DCD90281E4FF", "0055AED6DCD90281E5"))
                .isNegative();
    }

    @Test
    void comparesLexicographicallyNotNumerically() {
        assertThat(Sequencers.compare("A", "0FFFF")).isPositive();
    }
}
