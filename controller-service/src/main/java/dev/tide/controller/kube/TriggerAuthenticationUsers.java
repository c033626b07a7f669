package dev.tide.controller.kube;

import dev.tide.keda.api.AuthenticationRef;
import dev.tide.keda.api.ClusterTriggerAuthentication;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.TriggerAuthentication;
import dev.tide.keda.api.TriggerAuthenticationStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code status.scaledobjects} and {@code status.scaledjobs} of TriggerAuthentications and
 * ClusterTriggerAuthentications (KEDA's {@code updateTriggerAuthenticationStatus}): the comma-joined ScaledObjects
 * and ScaledJobs that use each one, shown by
 * {@code kubectl get ta -o wide}. A TriggerAuthentication lists names; a ClusterTriggerAuthentication, used across
 * namespaces, lists {@code namespace/name}. Several ScaledObjects share one authentication, so every write is
 * guarded by the object's resourceVersion and retried on conflict. Failing to write is logged, never fatal.
 */
public class TriggerAuthenticationUsers {

    private static final Logger log = LoggerFactory.getLogger(TriggerAuthenticationUsers.class);
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;

    public TriggerAuthenticationUsers(KubernetesClient client) {
        this.client = client;
    }

    public void register(ScaledObject scaledObject) {
        change(scaledObject, scaledObject.getSpec() == null ? null : scaledObject.getSpec().triggers(), false, true);
    }

    public void unregister(ScaledObject scaledObject) {
        change(scaledObject, scaledObject.getSpec() == null ? null : scaledObject.getSpec().triggers(), false, false);
    }

    /** The same for {@code status.scaledjobs}. */
    public void register(ScaledJob scaledJob) {
        change(scaledJob, scaledJob.getSpec() == null ? null : scaledJob.getSpec().triggers(), true, true);
    }

    public void unregister(ScaledJob scaledJob) {
        change(scaledJob, scaledJob.getSpec() == null ? null : scaledJob.getSpec().triggers(), true, false);
    }

    private void change(HasMetadata owner, List<ScaleTrigger> triggers, boolean jobs, boolean add) {
        if (triggers == null) {
            return;
        }
        String namespace = owner.getMetadata().getNamespace();
        String name = owner.getMetadata().getName();
        Set<AuthenticationRef> refs = new LinkedHashSet<>();
        triggers.stream().filter(Objects::nonNull).map(ScaleTrigger::authenticationRef).filter(Objects::nonNull).forEach(refs::add);
        for (AuthenticationRef ref : refs) {
            Resource<? extends HasMetadata> resource;
            String user;
            if (ref.kindOrDefault() == AuthenticationRef.Kind.ClusterTriggerAuthentication) {
                resource = client.resources(ClusterTriggerAuthentication.class).withName(ref.name());
                user = namespace + "/" + name;
            } else {
                resource = client.resources(TriggerAuthentication.class).inNamespace(namespace).withName(ref.name());
                user = name;
            }
            update(resource, jobs, users -> {
                if (add) {
                    users.add(user);
                } else {
                    users.remove(user);
                }
                return users;
            });
        }
    }

    private void update(Resource<? extends HasMetadata> resource, boolean jobs, Function<Set<String>, Set<String>> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            HasMetadata current = resource.get();
            if (current == null) {
                return;
            }
            TriggerAuthenticationStatus status = current instanceof TriggerAuthentication ta ? ta.getStatus()
                    : ((ClusterTriggerAuthentication) current).getStatus();
            String before = status == null ? null : jobs ? status.getScaledjobs() : status.getScaledobjects();
            Set<String> users = new TreeSet<>(before == null || before.isBlank() ? Set.of() : Arrays.asList(before.split(",")));
            String after = String.join(",", change.apply(users));
            if (after.equals(before == null ? "" : before)) {
                return;
            }
            TriggerAuthenticationStatus updated = new TriggerAuthenticationStatus();
            String others = status == null ? null : jobs ? status.getScaledobjects() : status.getScaledjobs();
            updated.setScaledobjects(jobs ? others : after.isEmpty() ? null : after);
            updated.setScaledjobs(jobs ? (after.isEmpty() ? null : after) : others);
            String patch = "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                    + current.getMetadata().getResourceVersion() + "\"},"
                    + "{\"op\":\"add\",\"path\":\"/status\",\"value\":" + client.getKubernetesSerialization().asJson(updated) + "}]";
            try {
                resource.subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
                return;
            } catch (KubernetesClientException e) {
                if (attempt == ATTEMPTS) {
                    log.warn("Could not update status.{} of {} {} (HTTP {}); kubectl shows a stale list until the next reconcile",
                            jobs ? "scaledjobs" : "scaledobjects", current.getKind(), current.getMetadata().getName(), e.getCode());
                }
            }
        }
    }
}
