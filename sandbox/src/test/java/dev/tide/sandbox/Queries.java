package dev.tide.sandbox;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every PromQL expression of the chart's alert rules and Grafana dashboard, named by where it is. */
final class Queries {

    static final Path RULES = Path.of("helm", "tide", "rules", "tide-alerts.yaml");
    static final Path DASHBOARD = Path.of("helm", "tide", "dashboards", "tide.json");

    /** Grafana's {@code label_values(selector, label)} variable query. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\s*\\)", Pattern.DOTALL);

    /**
     * One expression.
     *
     * @param where "alert TideNoLeader", "panel 'Scaler Errors'", "variable scaler"
     * @param expr its PromQL (a variable's selector only)
     * @param label for a variable, the label whose values it lists
     */
    record Query(String where, String expr, String label) {
    }

    private Queries() {
    }

    /** The repository's root from the module's directory (Maven runs tests there) or from the root itself. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("helm")) ? here : here.getParent();
    }

    static List<Query> alerts(Path root) {
        return alerts(read(root.resolve(RULES)));
    }

    @SuppressWarnings("unchecked")
    static List<Query> alerts(Map<String, Object> rules) {
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                String name = rule.containsKey("alert") ? "alert " + rule.get("alert") : "record " + rule.get("record");
                queries.add(new Query(name, rule.get("expr").toString(), null));
            }
        }
        return queries;
    }

    /** The alert names, in file order. */
    @SuppressWarnings("unchecked")
    static List<String> alertNames(Path root) {
        return alerts(root).stream().map(Query::where).filter(w -> w.startsWith("alert ")).map(w -> w.substring(6)).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Query> dashboard(Path root) {
        Map<String, Object> dashboard = read(root.resolve(DASHBOARD));
        List<Query> queries = new ArrayList<>();
        panels((List<Map<String, Object>>) dashboard.get("panels"), queries);
        Map<String, Object> templating = (Map<String, Object>) dashboard.get("templating");
        for (Map<String, Object> variable : (List<Map<String, Object>>) templating.get("list")) {
            if (!"query".equals(variable.get("type"))) {
                continue;
            }
            Object query = variable.get("query");
            String text = query instanceof Map<?, ?> map ? map.get("query").toString() : query.toString();
            Matcher m = LABEL_VALUES.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("variable " + variable.get("name") + ": not label_values(...): " + text);
            }
            queries.add(new Query("variable " + variable.get("name"), m.group(1), m.group(2)));
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static void panels(List<Map<String, Object>> panels, List<Query> queries) {
        for (Map<String, Object> panel : panels) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
                if (target.get("expr") != null) {
                    queries.add(new Query("panel '" + panel.get("title") + "'", target.get("expr").toString(), null));
                }
            }
            if (panel.get("panels") != null) {
                panels((List<Map<String, Object>>) panel.get("panels"), queries);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        try {
            return new KubernetesSerialization().unmarshal(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
