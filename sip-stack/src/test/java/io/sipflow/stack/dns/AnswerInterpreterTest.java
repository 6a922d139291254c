package io.sipflow.stack.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Response forms dnsmasq does not produce: partial CNAME answers, SERVFAIL, odd SOA values. */
class AnswerInterpreterTest {
    private static final Name Q = Name.fromConstantString("sip.example.com.");
    private static final Name T = Name.fromConstantString("host.example.net.");
    private static final Name ZONE = Name.fromConstantString("example.com.");

    private static Message response(int rcode) {
        Message m = Message.newQuery(Record.newRecord(Q, Type.A, DClass.IN));
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        return m;
    }

    private static SOARecord soa(long ttl, long minimum) {
        return new SOARecord(ZONE, DClass.IN, ttl, Name.fromConstantString("ns.example.com."),
                Name.fromConstantString("hostmaster.example.com."), 1, 3600, 600, 86400, minimum);
    }

    @Test
    void cnameChainIsFollowedAndTtlIsTheSmallest() throws Exception {
        Message m = response(Rcode.NOERROR);
        m.addRecord(new CNAMERecord(Q, DClass.IN, 30, T), Section.ANSWER);
        m.addRecord(new ARecord(T, DClass.IN, 600, HostLiteral.parse("192.0.2.1")), Section.ANSWER);

        DnsAnswer a = AnswerInterpreter.interpret(Q, Type.A, m);

        assertThat(a.kind()).isEqualTo(DnsAnswer.Kind.RECORDS);
        assertThat(a.records()).hasSize(1);
        assertThat(a.ttlSeconds()).isEqualTo(30);
    }

    @Test
    void cnameWithoutTargetDataOrSoaAsksForTheTarget() throws Exception {
        Message m = response(Rcode.NOERROR);
        m.addRecord(new CNAMERecord(Q, DClass.IN, 30, T), Section.ANSWER);

        DnsAnswer a = AnswerInterpreter.interpret(Q, Type.A, m);

        assertThat(a.kind()).isEqualTo(DnsAnswer.Kind.ALIAS);
        assertThat(a.aliasTarget()).isEqualTo(T);
    }

    @Test
    void negativeTtlIsTheSmallerOfSoaTtlAndMinimum() throws Exception {
        Message m = response(Rcode.NXDOMAIN);
        m.addRecord(soa(900, 120), Section.AUTHORITY);
        assertThat(AnswerInterpreter.interpret(Q, Type.A, m).ttlSeconds()).isEqualTo(120);

        Message n = response(Rcode.NOERROR);
        n.addRecord(soa(60, 3600), Section.AUTHORITY);
        DnsAnswer nodata = AnswerInterpreter.interpret(Q, Type.A, n);
        assertThat(nodata.kind()).isEqualTo(DnsAnswer.Kind.NODATA);
        assertThat(nodata.ttlSeconds()).isEqualTo(60);
    }

    @Test
    void negativeWithoutSoaIsNotCacheable() throws Exception {
        assertThat(AnswerInterpreter.interpret(Q, Type.A, response(Rcode.NXDOMAIN)).ttlSeconds()).isZero();
    }

    @Test
    void servfailIsAFailure() {
        assertThatThrownBy(() -> AnswerInterpreter.interpret(Q, Type.A, response(Rcode.SERVFAIL)))
                .isInstanceOf(LocatorException.class)
                .hasMessageContaining("DNS_FAILURE").hasMessageContaining("sip.example.com").hasMessageContaining("SERVFAIL");
    }
}
