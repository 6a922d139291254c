package io.sipflow.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 4475 / RFC 5118 torture messages, read from the test resources
 * ({@code torture/manifest.tsv} and the {@code .dat} files; see {@code torture/README.md}).
 */
final class Torture {
    private Torture() {}

    /** One manifest row. */
    record Entry(String name, String kind, String expected, String note, String section, String suggests, String file) {
        byte[] bytes() {
            return resource("torture/" + file);
        }

        /** The short name, e.g. {@code wsinv} for {@code rfc4475/wsinv}. */
        String shortName() {
            return name.substring(name.indexOf('/') + 1);
        }

        @Override
        public String toString() {
            return name + " (" + expected + ")";
        }
    }

    private static List<Entry> entries;

    static synchronized List<Entry> manifest() {
        if (entries == null) {
            String tsv = new String(resource("torture/manifest.tsv"), StandardCharsets.UTF_8);
            List<Entry> out = new ArrayList<>();
            for (String line : tsv.split("\n")) {
                if (line.isBlank() || line.startsWith("name\t")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 7) throw new IllegalStateException("bad manifest line: " + line);
                out.add(new Entry(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
            }
            entries = List.copyOf(out);
        }
        return entries;
    }

    /** The manifest entry by full ({@code rfc4475/wsinv}) or short ({@code wsinv}) name. */
    static Entry entry(String name) {
        for (Entry e : manifest()) {
            if (e.name().equals(name) || e.shortName().equals(name)) return e;
        }
        throw new IllegalArgumentException("no torture message " + name);
    }

    /** The wire bytes of a torture message, by full or short name. */
    static byte[] bytes(String name) {
        return entry(name).bytes();
    }

    /** Every message's bytes by full name, in manifest order. */
    static Map<String, byte[]> all() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Entry e : manifest()) out.put(e.name(), e.bytes());
        return out;
    }

    static byte[] resource(String path) {
        try (InputStream in = Torture.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
