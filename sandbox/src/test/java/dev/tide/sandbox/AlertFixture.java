package dev.tide.sandbox;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The promtool test file's captured part: a test group whose input series are the healthy scrapes' series that the
 * alert rules read, with the values they had and counters rising at the rate they rose between two scrapes, in
 * which no alert may fire. It sits between two marker lines in {@code deploy-checks/prometheus/tide-alerts-test.yaml};
 * the hand-written groups after it, one per alert that fires, may only use series a scrape showed.
 */
final class AlertFixture {

    static final Path FILE = Path.of("deploy-checks", "prometheus", "tide-alerts-test.yaml");
    static final String BEGIN = "  # BEGIN captured series: written by sandbox's SandboxSeriesIT with -Dtide.fixtures.update=true; do not edit";
    static final String END = "  # END captured series";
    /** Minutes of input: longer than every rule's range plus its {@code for}. */
    static final int MINUTES = 40;
    /** Labels whose values differ per run (a fresh certificate's serial number): compared as present only. */
    static final Set<String> VOLATILE = Set.of("certificate");

    private static final Pattern SERIES = Pattern.compile("series: '((?:[^']|'')*)'");

    private AlertFixture() {
    }

    /** The captured group: {@code second}'s series named in {@code metrics}, their rise since {@code first}. */
    static String healthyGroup(Scrape first, Scrape second, double seconds, Set<String> metrics, List<String> alertNames) {
        Map<String, Double> before = first.series().stream()
                .collect(Collectors.toMap(Scrape.Series::selector, Scrape.Series::value, (a, b) -> a));
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("  - name: the healthy scrape raises no alert (series of a real run, captured)\n");
        out.append("    interval: 1m\n    input_series:\n");
        second.series().stream().filter(s -> metrics.contains(s.name()) && !Double.isNaN(s.value()))
                .sorted((a, b) -> a.selector().compareTo(b.selector()))
                .forEach(s -> {
                    String type = second.type(s.name());
                    boolean rises = type.equals("counter") || s.name().endsWith("_bucket") || s.name().endsWith("_count")
                            || s.name().endsWith("_sum");
                    double perMinute = rises ? Math.max(0, s.value() - before.getOrDefault(s.selector(), s.value())) / seconds * 60 : 0;
                    out.append("      - series: '").append(s.selector().replace("'", "''")).append("'\n");
                    out.append("        values: '").append(number(s.value())).append(perMinute > 0 ? "+" + number(perMinute) : "")
                            .append('x').append(MINUTES).append("'\n");
                });
        out.append("    alert_rule_test:\n");
        for (String alert : alertNames) {
            out.append("      - eval_time: ").append(MINUTES - 5).append("m\n        alertname: ").append(alert)
                    .append("\n        exp_alerts: []\n");
        }
        return out.append(END).append('\n').toString();
    }

    /** The file with its captured group replaced. */
    static String withBlock(String file, String block) {
        int begin = file.indexOf(BEGIN);
        int end = file.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            throw new IllegalStateException(FILE + " has no '" + BEGIN.strip() + "' ... '" + END.strip() + "' lines");
        }
        return file.substring(0, begin) + block + file.substring(end + END.length() + 1);
    }

    static String block(String file) {
        int begin = file.indexOf(BEGIN);
        int end = file.indexOf(END, begin);
        return begin < 0 || end < 0 ? "" : file.substring(begin, end + END.length() + 1);
    }

    /** The series of every input_series entry in {@code text}, volatile label values masked. */
    static Set<String> identities(String text) {
        Set<String> series = new LinkedHashSet<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            series.add(mask(m.group(1).replace("''", "'")));
        }
        return series;
    }

    /** The identities of a scrape's series. */
    static Set<String> identities(Scrape scrape) {
        return scrape.series().stream().map(Scrape.Series::selector).map(AlertFixture::mask)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The entries of the hand-written groups whose series no scrape showed. */
    static List<String> invented(String file, Scrape captured) {
        Set<String> real = identities(captured);
        String handWritten = file.replace(block(file), "");
        List<String> invented = new ArrayList<>();
        identities(handWritten).stream().filter(s -> !real.contains(s)).forEach(invented::add);
        return invented;
    }

    static String mask(String selector) {
        String masked = selector;
        for (String label : VOLATILE) {
            masked = masked.replaceAll("\\b" + label + "=\"[^\"]*\"", label + "=\"*\"");
        }
        return masked;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
