package io.sipflow.stack.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IoRuntimeTest {
    @Test
    void defaultEventLoopsAreHalfTheCoresAndAtLeastOne() {
        assertThat(IoRuntime.defaultThreads(1)).isEqualTo(1);
        assertThat(IoRuntime.defaultThreads(2)).isEqualTo(1);
        assertThat(IoRuntime.defaultThreads(3)).isEqualTo(1);
        assertThat(IoRuntime.defaultThreads(16)).isEqualTo(8);
    }
}
