package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void anAggregationOverARateReadsOneSelectorAndGroupsByItsLabels() {
        PromQl.Parsed parsed = PromQl.parse(
                "sum by (exported_namespace, scaledObject) (rate(keda_scaler_detail_errors_total{scaler=~\"$scaler\", type=\"scaledobject\"}[5m])) > 0");
        assertThat(parsed.selectors()).containsExactly(new PromQl.Selector("keda_scaler_detail_errors_total", List.of(
                new PromQl.Matcher("scaler", "=~", "$scaler"), new PromQl.Matcher("type", "=", "scaledobject"))));
        assertThat(parsed.groupingLabels()).containsExactly("exported_namespace", "scaledObject");
        assertThat(parsed.selectors().get(0).matchers().get(0).templated()).isTrue();
    }

    @Test
    void functionsKeywordsNumbersAndDurationsAreNotSeries() {
        PromQl.Parsed parsed = PromQl.parse("(max(tide_controller_leader) or vector(0)) < 1 unless on () absent(up) "
                + "or histogram_quantile(0.99, sum by (le) (rate(x_bucket[$__rate_interval]))) > 1e3 * 24 * 3600");
        assertThat(parsed.selectors()).extracting(PromQl.Selector::metric).containsExactly("tide_controller_leader", "up", "x_bucket");
        assertThat(parsed.groupingLabels()).containsExactly("le");
        assertThat(PromQl.parse("requests_total / bytes_total").selectors()).extracting(PromQl.Selector::metric)
                .containsExactly("requests_total", "bytes_total");
    }

    @Test
    void joinsNameBothSidesAndTheirLabels() {
        PromQl.Parsed parsed = PromQl.parse("sum by (owner_name) (kube_job_status_active{namespace=~\"$namespace\"} "
                + "* on (namespace, job_name) group_left (owner_name) kube_job_owner{owner_kind=\"ScaledJob\"})");
        assertThat(parsed.selectors()).extracting(PromQl.Selector::metric).containsExactly("kube_job_status_active", "kube_job_owner");
        assertThat(parsed.groupingLabels()).containsExactlyInAnyOrder("owner_name", "namespace", "job_name");
    }

    @Test
    void matcherValuesAreUnescapedAndMatchAsPrometheusMatches() {
        PromQl.Matcher matcher = PromQl.parse("a{uri=~\"/apis/external\\\\.metrics.*\", status!~\"2..\"}").selectors().get(0).matchers().get(0);
        assertThat(matcher.value()).isEqualTo("/apis/external\\.metrics.*");
        assertThat(matcher.matches("/apis/external.metrics.k8s.io/v1beta1")).isTrue();
        assertThat(new PromQl.Matcher("status", "!~", "2..").matches("503")).isTrue();
    }

    @Test
    void everyAlertRuleAndDashboardQueryOfTheChartParses() {
        List<Queries.Query> alerts = Queries.alerts(Queries.root());
        List<Queries.Query> dashboard = Queries.dashboard(Queries.root());
        assertThat(alerts).extracting(Queries.Query::where).contains("alert TideNoLeader", "alert TideFallbackActive",
                "alert TideScalerErrors", "alert TideScaleLoopLagHigh", "alert TideScalePassSlow", "alert TideMetricsApiErrors",
                "alert TideCertificateExpiresSoon");
        assertThat(dashboard).extracting(Queries.Query::where).contains("panel 'Fallback active'", "variable scaledObject");
        for (Queries.Query query : concat(alerts, dashboard)) {
            assertThat(PromQl.parse(query.expr()).selectors()).as(query.where()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.metric()).matches("[a-z_:][a-z0-9_:]*"));
        }
        assertThat(dashboard).filteredOn(q -> q.where().equals("variable scaler")).singleElement()
                .satisfies(q -> assertThat(q.label()).isEqualTo("scaler"));
    }

    @Test
    void seriesTruthNamesAMissingSeriesAMissingLabelAndAnUnmatchedValue() {
        Scrape scrape = Scrape.parse("""
                # TYPE keda_scaler_active gauge
                keda_scaler_active{namespace="shop",scaledObject="orders",scaler="kafkaScaler"} 1.0
                """, "controller");
        assertThat(scrape.series().get(0).labels()).containsEntry("exported_namespace", "shop").containsEntry("job", "controller")
                .containsEntry("namespace", Scrape.TARGET_NAMESPACE);
        List<Queries.Query> queries = List.of(
                new Queries.Query("panel 'ok'", "max by (scaler, job) (keda_scaler_active{exported_namespace=~\"$namespace\"})", null),
                new Queries.Query("panel 'gone'", "tide_nothing", null),
                new Queries.Query("panel 'label'", "sum by (transition) (keda_scaler_active{trigger=\"x\"})", null),
                new Queries.Query("panel 'value'", "keda_scaler_active{scaler=\"redisScaler\"}", null),
                new Queries.Query("panel 'not ours'", "kube_deployment_status_replicas{deployment=\"x\"}", null));
        assertThat(SeriesTruth.problems(queries, scrape)).containsExactly(
                "panel 'gone' reads tide_nothing, which no scrape has",
                "panel 'label' matches label trigger of keda_scaler_active, which its series do not have",
                "panel 'label' selects keda_scaler_active[Matcher[label=trigger, op==, value=x]], which no scraped series matches",
                "panel 'label' groups by or lists label transition, which none of its series has",
                "panel 'value' selects keda_scaler_active[Matcher[label=scaler, op==, value=redisScaler]], which no scraped series matches");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
