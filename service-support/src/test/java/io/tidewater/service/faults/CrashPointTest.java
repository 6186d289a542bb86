package io.tidewater.service.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CrashPointTest {

    @Test
    void noPropertyRequestsNoCrash() {
        assertThat(CrashPoint.requested(null)).isEmpty();
        assertThat(CrashPoint.requested(" ")).isEmpty();
    }

    @Test
    void aPointIsRequestedByItsName() {
        assertThat(CrashPoint.requested("files-written-not-committed"))
                .contains(CrashPoint.FILES_WRITTEN_NOT_COMMITTED);
        assertThat(CrashPoint.requested(" after-crawl ")).contains(CrashPoint.AFTER_CRAWL);
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> CrashPoint.requested("after-lunch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot crash at 'after-lunch': tidewater.faults.crash-at names none of [after-receive,"
                        + " after-crawl, files-written-not-committed, committed-not-acknowledged,"
                        + " result-recorded-not-reported]");
    }

    @Test
    void reachingAPointThatIsNotRequestedReturns() {
        System.clearProperty(CrashPoint.PROPERTY);
        CrashPoint.AFTER_RECEIVE.reached();
        assertThat(CrashPoint.requested(System.getProperty(CrashPoint.PROPERTY)))
                .isEmpty();
    }
}
