package io.sipflow.stack.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

/** RFC 2782 ordering: priority, then weighted random; deterministic through the generator. */
class SrvOrderingTest {
    private static final Name OWNER = Name.fromConstantString("_sip._udp.example.com.");

    private static SRVRecord srv(int priority, int weight, String target) {
        return new SRVRecord(OWNER, DClass.IN, 300, priority, weight, 5060, Name.fromConstantString(target + "."));
    }

    private static List<String> targets(List<SRVRecord> records) {
        return records.stream().map(r -> r.getTarget().toString(true)).toList();
    }

    @Test
    void lowerPriorityFirstWhateverTheResponseOrder() {
        List<SRVRecord> records = List.of(srv(30, 0, "c"), srv(10, 0, "a"), srv(20, 0, "b"));

        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom()))).containsExactly("a", "b", "c");
    }

    @Test
    void drawPicksFirstRecordWhoseRunningSumReachesIt() {
        // Canonical order a (60), b (30), c (10): running sums 60, 90, 100.
        List<SRVRecord> records = List.of(srv(10, 10, "c"), srv(10, 60, "a"), srv(10, 30, "b"));

        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom(60, 0)))).containsExactly("a", "b", "c");
        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom(61, 0)))).containsExactly("b", "a", "c");
        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom(100, 61)))).containsExactly("c", "b", "a");
    }

    @Test
    void zeroWeightRecordsGoFirstInTheDraw() {
        // RFC 2782: weight-0 records are placed at the beginning, so only a draw of 0 picks them.
        List<SRVRecord> records = List.of(srv(10, 10, "heavy"), srv(10, 0, "zero"));

        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom(0)))).containsExactly("zero", "heavy");
        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom(1)))).containsExactly("heavy", "zero");
    }

    @Test
    void allZeroWeightsNeedNoLuck() {
        List<SRVRecord> records = List.of(srv(10, 0, "b"), srv(10, 0, "a"));

        assertThat(targets(SrvOrdering.order(records, new ScriptedRandom(0)))).containsExactly("a", "b");
    }

    @Test
    void dotTargetMeansNoService() {
        SRVRecord none = new SRVRecord(OWNER, DClass.IN, 300, 0, 0, 0, Name.root);

        assertThat(SrvOrdering.order(List.of(none), new ScriptedRandom())).isEmpty();
    }

    @Test
    void firstChoicesFollowTheWeights() {
        List<SRVRecord> records = List.of(srv(10, 60, "a"), srv(10, 30, "b"), srv(10, 10, "c"));
        Random random = new Random(42);
        int[] first = new int[3];
        int rounds = 10_000;
        for (int i = 0; i < rounds; i++) {
            first[SrvOrdering.order(records, random).get(0).getTarget().toString(true).charAt(0) - 'a']++;
        }

        // Weights 60:30:10 of a sum of 100 over 101 possible draws.
        assertThat(first[0] / (double) rounds).isBetween(0.57, 0.63);
        assertThat(first[1] / (double) rounds).isBetween(0.27, 0.33);
        assertThat(first[2] / (double) rounds).isBetween(0.08, 0.12);
    }
}
