package io.sipflow.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a section's unknown lines next to the lines they followed, in one pass.
 *
 * <p>The serializer reports every line it writes as (type, index in its group, or
 * {@code Integer.MAX_VALUE} after the last one); the unknown lines anchored to each type are
 * sorted by index once and consumed with a cursor. Scanning all unknown lines after every
 * written line would be quadratic for a hostile description with many of them. Only created
 * when a section has unknown lines, which well-formed descriptions do not.
 */
final class UnknownWriter {
    private static final int TYPES = 128; // anchor types are ASCII letters, or 0 for "end of section"

    private final List<List<UnknownLine>> byType = new ArrayList<>(Collections.nCopies(TYPES, null));
    private final int[] cursor = new int[TYPES];

    private UnknownWriter(List<UnknownLine> lines) {
        for (UnknownLine u : lines) {
            List<UnknownLine> list = byType.get(u.anchorType);
            if (list == null) {
                list = new ArrayList<>(2);
                byType.set(u.anchorType, list);
            }
            list.add(u);
        }
        for (int t = 1; t < TYPES; t++) {
            List<UnknownLine> list = byType.get(t);
            if (list != null && list.size() > 1) {
                list.sort(Comparator.comparingInt(u -> u.anchorIndex)); // stable: keeps list order per index
            }
        }
    }

    /** A writer for these lines, or {@code null} when there are none (the common case). */
    static UnknownWriter of(List<UnknownLine> lines) {
        return lines.isEmpty() ? null : new UnknownWriter(lines);
    }

    /** Writes the not yet written lines anchored to {@code type} with an index up to {@code maxIndex}. */
    void write(StringBuilder sb, char type, int maxIndex) {
        List<UnknownLine> list = byType.get(type);
        if (list == null) {
            return;
        }
        int c = cursor[type];
        while (c < list.size() && list.get(c).anchorIndex <= maxIndex) {
            UnknownLine u = list.get(c++);
            SdpSection.line(sb, u.type(), u.value());
        }
        cursor[type] = c;
    }
}
