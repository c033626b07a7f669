package dev.tide.scaler.external;

import dev.tide.scaler.api.PushScaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.clients.SharedClients;
import externalscaler.ExternalScalerGrpc;
import externalscaler.Externalscaler.IsActiveResponse;
import externalscaler.Externalscaler.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code external-push} trigger: polled like {@code external}, and also holding a {@code StreamIsActive} stream
 * open (KEDA's {@code externalPushScaler}). When the server pushes {@code true} while the trigger was last seen
 * inactive, the object's pass is requested at once, and that pass counts the trigger active even if {@code IsActive}
 * has changed its mind since: a push activates, as in KEDA. A pushed {@code false} is ignored; deactivation comes
 * from polling only.
 *
 * <p>The stream waits on no thread. When it ends it is reopened: 2 s after the server closed it, else after a wait
 * that doubles from 2 s to 1 min on each failure (KEDA's backoff).
 */
final class ExternalPushScaler extends ExternalScaler implements PushScaler {

    private static final Logger log = LoggerFactory.getLogger(ExternalPushScaler.class);

    private final ExternalChannels channels;
    private final ExternalScalerGrpc.ExternalScalerStub asyncStub;
    private final AtomicBoolean pushedActive = new AtomicBoolean();
    private volatile boolean lastSeenActive;
    private volatile PassRequester requester = () -> { };
    private boolean closed;
    private boolean failing;
    private Duration backoff;
    private ClientCallStreamObserver<ScaledObjectRef> stream;

    ExternalPushScaler(ExternalTrigger trigger, SharedClients.Lease<ManagedChannel> channel, ExternalChannels channels) {
        super(trigger, channel);
        this.channels = channels;
        this.asyncStub = ExternalScalerGrpc.newStub(channel.client());
        this.backoff = channels.firstBackoff();
    }

    @Override
    public void startPushing(PassRequester requester) {
        this.requester = requester;
        open();
    }

    @Override
    public ScalerSample sample(String metricName) {
        ScalerSample polled = super.sample(metricName);
        boolean active = polled.active() | pushedActive.getAndSet(false);
        lastSeenActive = active;
        return new ScalerSample(polled.values(), active);
    }

    /** Whether a stream is open now (for tests and the benchmark). */
    synchronized boolean streaming() {
        return stream != null;
    }

    private synchronized void open() {
        if (closed) {
            return;
        }
        asyncStub.streamIsActive(trigger.reference(), new ClientResponseObserver<ScaledObjectRef, IsActiveResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<ScaledObjectRef> call) {
                synchronized (ExternalPushScaler.this) {
                    stream = call;
                }
            }

            @Override
            public void onNext(IsActiveResponse response) {
                recovered();
                if (response.getResult()) {
                    pushedActive.set(true);
                    if (!lastSeenActive) {
                        requester.requestPass();
                    }
                }
            }

            @Override
            public void onError(Throwable failure) {
                ended(Status.fromThrowable(failure));
            }

            @Override
            public void onCompleted() {
                ended(Status.OK);
            }
        });
    }

    private synchronized void recovered() {
        if (failing) {
            failing = false;
            log.info("{}: StreamIsActive to {} is open again", trigger.label(), trigger.address());
        }
    }

    /** The stream ended: reopen it after the backoff, unless the trigger is closed. */
    private synchronized void ended(Status status) {
        stream = null;
        if (closed) {
            return;
        }
        Duration wait;
        if (status.isOk()) {
            backoff = channels.firstBackoff();
            wait = backoff;
        } else {
            wait = backoff;
            backoff = backoff.multipliedBy(2).compareTo(channels.maxBackoff()) > 0 ? channels.maxBackoff() : backoff.multipliedBy(2);
            if (!failing) {
                failing = true;
                log.warn("{}: StreamIsActive to {} failed ({}); reopening with backoff", trigger.label(), trigger.address(),
                        status.getCode());
            } else {
                log.debug("{}: StreamIsActive to {} failed again ({}); next try in {}", trigger.label(), trigger.address(),
                        status.getCode(), wait);
            }
        }
        try {
            channels.reconnects().schedule(this::open, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("{}: not reopening StreamIsActive, the process is stopping", trigger.label());
        }
    }

    @Override
    public void close() {
        ClientCallStreamObserver<ScaledObjectRef> open;
        synchronized (this) {
            closed = true;
            open = stream;
            stream = null;
        }
        if (open != null) {
            open.cancel("the trigger was closed", null);
        }
        super.close();
    }
}
