package io.sipflow.stack.dns;

import static io.sipflow.stack.transport.Transport.TCP;
import static io.sipflow.stack.transport.Transport.TLS;
import static io.sipflow.stack.transport.Transport.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;

/** The NAPTR rules of RFC 3263 §4.1 that dnsmasq's records do not reach. */
class NaptrSelectorTest {
    private static final Name OWNER = Name.fromConstantString("example.com.");

    private static NAPTRRecord naptr(int order, int pref, String flags, String service, String regexp, String replacement) {
        return new NAPTRRecord(OWNER, DClass.IN, 300, order, pref, flags, service, regexp,
                Name.fromConstantString(replacement));
    }

    @Test
    void onlySrvFormRecordsAreUsable() {
        List<NAPTRRecord> records = List.of(
                naptr(10, 10, "u", "SIP+D2U", "!^.*$!sip:x@example.com!", "."),
                naptr(10, 20, "S", "sip+d2t", "", "_sip._tcp.example.com."),
                naptr(10, 30, "s", "SIP+D2U", "", "."));

        assertThat(NaptrSelector.select(records, false, List.of(UDP, TCP, TLS)))
                .extracting(NaptrSelector.Choice::transport).containsExactly(TCP);
    }

    @Test
    void sipKeepsSipsServicesButSipsDropsSipOnes() {
        List<NAPTRRecord> records = List.of(
                naptr(20, 10, "s", "SIP+D2U", "", "_sip._udp.example.com."),
                naptr(10, 10, "s", "SIPS+D2T", "", "_sips._tcp.example.com."));

        assertThat(NaptrSelector.select(records, false, List.of(UDP, TCP, TLS)))
                .extracting(NaptrSelector.Choice::transport).containsExactly(TLS, UDP);
        assertThat(NaptrSelector.select(records, true, List.of(UDP, TCP, TLS)))
                .extracting(NaptrSelector.Choice::transport).containsExactly(TLS);
        assertThat(NaptrSelector.select(records, false, List.of(UDP, TCP)))
                .extracting(NaptrSelector.Choice::transport).containsExactly(UDP);
    }
}
