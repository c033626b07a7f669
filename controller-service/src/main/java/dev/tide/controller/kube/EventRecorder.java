package dev.tide.controller.kube;

import dev.tide.keda.api.EventReason;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of core/v1 Events about ScaledObjects and ScaledJobs, with KEDA's reasons and types. An event that
 * cannot be written is logged and dropped: events are for people, and a reconcile must not fail because of one.
 */
public class EventRecorder {

    static final String COMPONENT = "tide-operator";
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final EventSpamFilter spamFilter;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.spamFilter = new EventSpamFilter();
    }

    /**
     * Records the event with the type KEDA gives this reason, unless the object has used up its events for now
     * ({@link EventSpamFilter}, as KEDA's recorder drops them).
     */
    public void record(HasMetadata object, EventReason reason, String message) {
        var metadata = object.getMetadata();
        String objectKey = object.getApiVersion() + "/" + object.getKind() + "/" + metadata.getNamespace() + "/"
                + metadata.getName() + "/" + metadata.getUid();
        if (!spamFilter.allow(objectKey, clock.instant())) {
            // As client-go's spam filter drops it for KEDA.
            log.debug("Event {} for {} {}/{} dropped: the object used up its burst of events",
                    reason.reason(), object.getKind(), metadata.getNamespace(), metadata.getName());
            return;
        }
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        var event = new EventBuilder()
                .withNewMetadata()
                // client-go names events <object>.<unique hex>; the mock API server has no generateName.
                .withName(metadata.getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
                .withNamespace(metadata.getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion())
                        .withKind(object.getKind())
                        .withNamespace(metadata.getNamespace())
                        .withName(metadata.getName())
                        .withUid(metadata.getUid())
                        .build())
                .withType(reason.type().value())
                .withReason(reason.reason())
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(metadata.getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            log.warn("Could not record event {} for {} {}/{}; the event is lost (HTTP {})",
                    reason.reason(), object.getKind(), metadata.getNamespace(), metadata.getName(), e.getCode());
        }
    }
}
