package dev.tide.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the series a query reads exist in real scrapes: its metric names, the labels of its matchers and groupings,
 * and, for matchers with a literal value, at least one series they all match. Series of kube-state-metrics
 * ({@code kube_*}, the replica panels) are not Tide's and are not checked.
 */
final class SeriesTruth {

    private SeriesTruth() {
    }

    static boolean tides(String metric) {
        return !metric.startsWith("kube_");
    }

    /** What does not hold, one line per problem; empty when every query reads series the scrape has. */
    static List<String> problems(List<Queries.Query> queries, Scrape scrape) {
        List<String> problems = new ArrayList<>();
        for (Queries.Query query : queries) {
            PromQl.Parsed parsed = PromQl.parse(query.expr());
            Set<String> labelsRead = new HashSet<>();
            boolean anyTides = false;
            for (PromQl.Selector selector : parsed.selectors()) {
                if (!tides(selector.metric())) {
                    continue;
                }
                anyTides = true;
                List<Scrape.Series> named = scrape.series().stream().filter(s -> s.name().equals(selector.metric())).toList();
                if (named.isEmpty()) {
                    problems.add(query.where() + " reads " + selector.metric() + ", which no scrape has");
                    continue;
                }
                named.forEach(s -> labelsRead.addAll(s.labels().keySet()));
                for (PromQl.Matcher matcher : selector.matchers()) {
                    boolean absentAllowed = matcher.op().startsWith("!");
                    if (!absentAllowed && named.stream().noneMatch(s -> s.labels().containsKey(matcher.label()))) {
                        problems.add(query.where() + " matches label " + matcher.label() + " of " + selector.metric()
                                + ", which its series do not have");
                    }
                }
                List<PromQl.Matcher> literal = selector.matchers().stream().filter(m -> !m.templated()).toList();
                if (named.stream().noneMatch(s -> literal.stream().allMatch(m -> m.matches(s.labels().get(m.label()))))) {
                    problems.add(query.where() + " selects " + selector.metric() + literal + ", which no scraped series matches");
                }
            }
            if (!anyTides) {
                continue;
            }
            Set<String> grouped = new HashSet<>(parsed.groupingLabels());
            if (query.label() != null) {
                grouped.add(query.label());
            }
            for (String label : grouped) {
                if (!labelsRead.contains(label)) {
                    problems.add(query.where() + " groups by or lists label " + label + ", which none of its series has");
                }
            }
        }
        return problems;
    }
}
