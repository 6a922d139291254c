package io.sipflow.srf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hold detection (RFC 3264 §8.4), with the text pre-check that spares most offers a parse. */
class SdpChangesTest {
    private static final String ACTIVE = SrfTestBase.SDP_A;

    @Test
    void holdMarkersAreFoundWhateverTheirCaseOrForm() {
        assertThat(SdpChanges.isHold(ACTIVE)).isFalse();
        assertThat(SdpChanges.mayBeHold(ACTIVE)).isFalse();
        assertThat(SdpChanges.isHold(ACTIVE.replace("a=sendrecv", "a=sendonly"))).isTrue();
        assertThat(SdpChanges.isHold(ACTIVE.replace("a=sendrecv", "a=inactive"))).isTrue();
        assertThat(SdpChanges.isHold(ACTIVE.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"))).isTrue();
        assertThat(SdpChanges.mayBeHold(ACTIVE.replace("a=sendrecv", "a=SendOnly"))).isTrue();
        assertThat(SdpChanges.mayBeHold(ACTIVE.replace("IP4 127.0.0.1", "IP6 ::1"))).isTrue();
        assertThat(SdpChanges.isHold(ACTIVE.replace("a=sendrecv", "a=recvonly"))).isFalse();
        assertThat(SdpChanges.isHold(null)).isFalse();
    }
}
