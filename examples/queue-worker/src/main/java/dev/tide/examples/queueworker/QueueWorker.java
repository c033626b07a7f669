package dev.tide.examples.queueworker;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Drains the queue: each message is logged, then deleted; a message whose handling fails reappears later. */
@Component
class QueueWorker implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    private final QueueClient queue;
    private final WorkerProperties properties;

    QueueWorker(QueueClient queue, WorkerProperties properties) {
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::drain, properties.pollInterval());
    }

    /** Receives and handles batches until the queue has nothing visible left. */
    void drain() {
        List<QueueMessageItem> batch;
        do {
            batch = queue.receiveMessages(properties.batchSize(), properties.visibilityTimeout(), null, Context.NONE)
                    .stream().toList();
            batch.forEach(this::handle);
        } while (!batch.isEmpty());
    }

    private void handle(QueueMessageItem message) {
        LOG.info("Java queue worker processed work item {}", message.getBody());
        queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
    }
}
