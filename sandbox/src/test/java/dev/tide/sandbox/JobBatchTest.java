package dev.tide.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobBatchTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @ParameterizedTest(name = "{0} per Job, end offsets {1}, positions {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # messages per Job | end offsets P0,P1 | positions P0,P1 | batch
            100                | 300,300           | 0,0             | 100
            100                | 300,300           | 280,250         | 70
            100                | 300,300           | 300,300         | 0
            100                | 50,50             | 0,0             | 100
            1                  | 5,0               | 0,0             | 1
            """)
    void aJobTakesItsBatchOrWhatWaitsWhenLess(long messagesPerJob, String ends, String positions, long batch) {
        assertThat(JobBatch.size(messagesPerJob, perPartition(ends), perPartition(positions))).isEqualTo(batch);
    }

    @Test
    void theFirstMessagesReturnedAreTakenAndCommittedTheRestFetchedAgainByTheNextJob() {
        // The consumer returned P0 10..12 and P1 40..41; the Job takes 4.
        List<JobBatch.Offset> polled = List.of(offset(P0, 10), offset(P0, 11), offset(P0, 12), offset(P1, 40),
                offset(P1, 41));

        JobBatch batch = JobBatch.of(polled, 4);

        assertThat(batch.taken()).isEqualTo(4);
        assertThat(batch.commit()).isEqualTo(Map.of(P0, 13L, P1, 41L));
        assertThat(batch.rewind()).isEqualTo(Map.of(P1, 41L));
    }

    @Test
    void fewerMessagesThanTheBatchAreAllTakenAndNothingIsFetchedAgain() {
        JobBatch batch = JobBatch.of(List.of(offset(P0, 7), offset(P1, 3)), 100);

        assertThat(batch.taken()).isEqualTo(2);
        assertThat(batch.commit()).isEqualTo(Map.of(P0, 8L, P1, 4L));
        assertThat(batch.rewind()).isEmpty();
        assertThat(JobBatch.of(List.of(), 0)).isEqualTo(new JobBatch(0, Map.of(), Map.of()));
    }

    private static JobBatch.Offset offset(TopicPartition partition, long offset) {
        return new JobBatch.Offset(partition, offset);
    }

    private static Map<TopicPartition, Long> perPartition(String offsets) {
        long[] values = Arrays.stream(offsets.split(",")).mapToLong(Long::parseLong).toArray();
        Map<TopicPartition, Long> map = new HashMap<>();
        map.put(P0, values[0]);
        map.put(P1, values[1]);
        return map;
    }
}
