package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobReportTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final JobSetup SETUP = new JobSetup("orders-job", 5, 3, 100);

    /** Each row of the timeline as lag/running/kept/created; maxReplicaCount 5, successfulJobsHistoryLimit 3. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                          | rows                                            | started | runner's peak | verdict
            drained within the limits       | 600/0/0/0; 300/5/0/5; 0/1/3/6; 0/0/3/6          | 6       | 5             |
            queue empty before the burst    | 0/0/0/0; 300/3/0/3; 0/0/3/3; 0/0/3/3            | 3       | 3             |
            nothing produced                | 0/0/0/0; 0/0/0/0                                | 0       | 0             | no message was produced
            no Job                          | 600/0/0/0; 600/0/0/0                            | 0       | 0             | no Job was created
            runner saw six at once          | 600/0/0/0; 0/5/0/6; 0/0/3/6                     | 6       | 6             | 6 Jobs ran at once, above maxReplicaCount 5
            a row saw seven at once         | 700/0/0/0; 0/7/0/7; 0/0/3/7                     | 7       | 5             | 7 Jobs ran at once, above maxReplicaCount 5
            lag left                        | 600/0/0/0; 100/0/3/5                            | 5       | 5             | the queue did not drain: a lag of 100 when the run ended
            history not trimmed             | 600/0/0/0; 0/0/6/6                              | 6       | 5             | 6 finished Jobs were kept at the end, above successfulJobsHistoryLimit 3
            a Job on the empty queue        | 600/5/0/5; 0/1/3/6; 0/1/3/7; 0/0/3/7            | 7       | 5             | Jobs were created while the queue was empty at the end: 1
            """)
    void theVerdictNamesTheFirstCheckThatFailed(String name, String rows, int started, int peak, String verdict) {
        List<JobSample> samples = samples(rows);
        Optional<Instant> firstMessage = verdict != null && verdict.equals("no message was produced") ? Optional.empty()
                : Optional.of(START.plusSeconds(1));
        JobReport report = new JobReport(Path.of("target"), SETUP,
                new JobReport.Timeline(START, firstMessage, samples, List.of()),
                new JobRunner.Tally(started, peak, 100L * started, 0));

        assertThat(report.failure()).isEqualTo(Optional.ofNullable(verdict));
    }

    private static List<JobSample> samples(String rows) {
        String[] each = rows.split(";");
        return IntStream.range(0, each.length).mapToObj(i -> {
            long[] v = Arrays.stream(each[i].trim().split("/")).mapToLong(Long::parseLong).toArray();
            return new JobSample(START.plusSeconds(i), i, new Sample.Messages("idle", 600, List.of(v[0])),
                    new JobSample.Jobs((int) v[1], (int) v[2], (int) v[3]), "True", "-");
        }).toList();
    }
}
