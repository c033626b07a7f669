package dev.tide.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code /actuator/prometheus} answer in Prometheus' text format 0.0.4, as Prometheus stores it: each series
 * gets the target labels a ServiceMonitor scrape adds (job, namespace, pod, instance), and its own
 * {@code namespace} label becomes {@code exported_namespace}, as the chart's ServiceMonitors (no honorLabels) and
 * the local stack's prometheus.yml have it.
 *
 * @param series every sample, stored labels sorted by name
 * @param types the TYPE of each metric family
 */
record Scrape(List<Series> series, Map<String, String> types) {

    /** The release namespace of the examples: the chart's ServiceMonitor targets live there. */
    static final String TARGET_NAMESPACE = "tide";

    /**
     * A sample.
     *
     * @param name the sample's name ({@code _bucket}, {@code _count} and {@code _total} included)
     * @param labels its labels as stored
     * @param value its value
     */
    record Series(String name, Map<String, String> labels, double value) {

        /** As promtool's input_series writes a series. */
        String selector() {
            StringBuilder s = new StringBuilder(name).append('{');
            labels.forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '{' ? "" : ", ").append(k).append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
            return s.append('}').toString();
        }
    }

    /** Target labels of a scrape of {@code job} (controller or metrics-service), as a ServiceMonitor sets them. */
    static Map<String, String> targetLabels(String job) {
        return Map.of("job", job, "namespace", TARGET_NAMESPACE, "pod", "tide-" + job + "-0",
                "instance", "10.0.0." + (job.equals("controller") ? 1 : 2) + ":8080");
    }

    static Scrape parse(String text, String job) {
        List<Series> series = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                series.add(sample(line, targetLabels(job)));
            }
        }
        return new Scrape(series, types);
    }

    /** The family's TYPE of a sample name (counter, gauge, histogram, summary), or "untyped". */
    String type(String sampleName) {
        for (String suffix : List.of("", "_bucket", "_count", "_sum", "_total", "_created", "_max")) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return types.get(family);
                }
            }
        }
        return types.getOrDefault(sampleName, "untyped");
    }

    /** Both scrapes' series together. */
    Scrape plus(Scrape other) {
        List<Series> all = new ArrayList<>(series);
        all.addAll(other.series);
        Map<String, String> allTypes = new HashMap<>(types);
        allTypes.putAll(other.types);
        return new Scrape(all, allTypes);
    }

    private static Series sample(String line, Map<String, String> target) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new TreeMap<>();
        String name;
        int pos;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            pos = brace + 1;
            Map<String, String> own = new LinkedHashMap<>();
            while (line.charAt(pos) != '}') {
                int eq = line.indexOf('=', pos);
                String label = line.substring(pos, eq);
                StringBuilder value = new StringBuilder();
                pos = eq + 2; // ="
                while (line.charAt(pos) != '"') {
                    char c = line.charAt(pos++);
                    if (c == '\\') {
                        char escaped = line.charAt(pos++);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                pos++;
                if (line.charAt(pos) == ',') {
                    pos++;
                }
                own.put(label, value.toString());
            }
            pos++;
            own.forEach((k, v) -> labels.put(target.containsKey(k) ? "exported_" + k : k, v));
        } else {
            name = line.substring(0, space);
            pos = space;
        }
        labels.putAll(target);
        String[] rest = line.substring(pos).trim().split(" ");
        return new Series(name, labels, Double.parseDouble(rest[0].replace("Inf", "Infinity")));
    }
}
