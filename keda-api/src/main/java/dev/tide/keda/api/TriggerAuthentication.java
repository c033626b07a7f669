package dev.tide.keda.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's TriggerAuthentication: where a trigger's credentials come from; namespaced; its Secrets and ConfigMaps are read from its own namespace. */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("TriggerAuthentication")
@Plural("triggerauthentications")
@Singular("triggerauthentication")
@ShortNames({"ta", "triggerauth"})
public class TriggerAuthentication extends TriggerAuthenticationResource implements Namespaced {
}
