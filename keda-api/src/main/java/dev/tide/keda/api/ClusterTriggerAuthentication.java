package dev.tide.keda.api;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's ClusterTriggerAuthentication: where a trigger's credentials come from; cluster-wide; its Secrets and ConfigMaps are read from the controller's cluster-object namespace. */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("ClusterTriggerAuthentication")
@Plural("clustertriggerauthentications")
@Singular("clustertriggerauthentication")
@ShortNames({"cta", "clustertriggerauth"})
public class ClusterTriggerAuthentication extends TriggerAuthenticationResource {
}
