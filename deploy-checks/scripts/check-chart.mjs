// Checks helm/tide: helm lint --strict and helm template for several value sets; every rendered object
// validated against its Kubernetes schema; our CRDs valid and the example custom resources valid against
// them; and the properties the chart promises (least-privilege RBAC, non-root containers, the APIService
// wired to the metrics service, KEDA's admission webhooks wired to the controller, mutual TLS names, plugins,
// monitoring) asserted on the rendered YAML.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CHART, HELM, JAVA, MODULE, ROOT, check, parseYamlDocuments, readYamlDocuments, report, run } from './lib.mjs';
import { crdValidators, describe, validateObjects } from './validate-k8s.mjs';

const NAMESPACE = 'tide-system';
const render = (valueFiles, extra = []) => parseYamlDocuments(
  run(HELM, ['template', 'tide', CHART, '--namespace', NAMESPACE, ...valueFiles.flatMap((f) => ['-f', f]), ...extra]), 'helm template');
const valueFile = (name) => path.join(MODULE, 'values', name);

const find = (objects, kind, name) => objects.find((o) => o.kind === kind && (!name || o.metadata.name === name));
const all = (objects, ...kinds) => objects.filter((o) => kinds.includes(o.kind));
const workloads = (objects) => all(objects, 'Deployment', 'StatefulSet');
const containersOf = (w) => [...(w.spec.template.spec.initContainers ?? []), ...w.spec.template.spec.containers];
const appConfig = (objects, name) => parseYaml(find(objects, 'ConfigMap', name).data['application.yaml']);
const rulesOf = (objects, ...kinds) => all(objects, ...kinds).flatMap((r) => (r.rules ?? []).map((rule) => ({ role: r, rule })));
const grants = (rule, group, resource, verb) => rule.apiGroups.includes(group) && rule.resources.includes(resource) && rule.verbs.includes(verb);
const matches = (selector, labels) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const decode = (b64) => Buffer.from(b64, 'base64').toString();
const sans = (pem) => new X509Certificate(pem).subjectAltName?.split(', ') ?? [];

// KEDA's validating webhooks, in KEDA's order: name, path, resource.
const KEDA_WEBHOOKS = [
  ['vscaledobject.kb.io', '/validate-keda-sh-v1alpha1-scaledobject', 'scaledobjects'],
  ['vscaledjob.kb.io', '/validate-keda-sh-v1alpha1-scaledjob', 'scaledjobs'],
  ['vstriggerauthentication.kb.io', '/validate-keda-sh-v1alpha1-triggerauthentication', 'triggerauthentications'],
  ['vsclustertriggerauthentication.kb.io', '/validate-keda-sh-v1alpha1-clustertriggerauthentication', 'clustertriggerauthentications'],
];

// Properties every value set must keep.
function assertInvariants(objects, { certManager = false, webhooks = { failurePolicy: 'Ignore', timeoutSeconds: 10 } } = {}) {
  // RBAC: no wildcards (but metric names, which are the resources of external.metrics.k8s.io), no Secret list/watch.
  for (const { role, rule } of rulesOf(objects, 'ClusterRole', 'Role')) {
    const where = `${describe(role)} ${JSON.stringify(rule)}`;
    assert.ok(!rule.verbs.includes('*'), `wildcard verb: ${where}`);
    assert.ok(!rule.apiGroups.includes('*'), `wildcard API group: ${where}`);
    assert.ok(!rule.resources.includes('*') || (rule.apiGroups.length === 1 && rule.apiGroups[0] === 'external.metrics.k8s.io'
      && rule.verbs.every((v) => ['get', 'list'].includes(v))), `wildcard resource: ${where}`);
    if (rule.resources.includes('secrets')) {
      assert.deepEqual(rule.verbs, ['get'], `Secrets may only be read by name: ${where}`);
    }
  }
  // Bindings point at rendered roles and service accounts (or the few built-in ones).
  for (const binding of all(objects, 'ClusterRoleBinding', 'RoleBinding')) {
    const builtIn = binding.roleRef.name === 'extension-apiserver-authentication-reader';
    assert.ok(builtIn || find(objects, binding.roleRef.kind, binding.roleRef.name), `${describe(binding)} refers to a missing ${binding.roleRef.kind}`);
    for (const subject of binding.subjects) {
      const isOurs = subject.namespace === NAMESPACE;
      assert.ok(!isOurs || find(objects, 'ServiceAccount', subject.name), `${describe(binding)} binds a missing ServiceAccount ${subject.name}`);
    }
  }
  // Pods: non-root, read-only, no capabilities, seccomp; config and secrets they mount exist.
  const certificateSecrets = all(objects, 'Certificate').map((c) => c.spec.secretName);
  for (const workload of workloads(objects)) {
    const pod = workload.spec.template.spec;
    assert.equal(pod.securityContext.runAsNonRoot, true, `${describe(workload)} pod runAsNonRoot`);
    assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault', `${describe(workload)} seccomp`);
    assert.ok(find(objects, 'ServiceAccount', pod.serviceAccountName), `${describe(workload)} service account ${pod.serviceAccountName}`);
    for (const c of containersOf(workload)) {
      const sc = c.securityContext ?? {};
      const where = `${describe(workload)} container ${c.name}`;
      assert.equal(sc.runAsNonRoot, true, `${where} runAsNonRoot`);
      assert.equal(sc.readOnlyRootFilesystem, true, `${where} readOnlyRootFilesystem`);
      assert.equal(sc.allowPrivilegeEscalation, false, `${where} allowPrivilegeEscalation`);
      assert.deepEqual(sc.capabilities?.drop, ['ALL'], `${where} drops ALL capabilities`);
      assert.equal(sc.seccompProfile?.type, 'RuntimeDefault', `${where} seccomp`);
      assert.ok(c.resources?.requests && c.resources?.limits, `${where} has requests and limits`);
    }
    for (const c of pod.containers) {
      assert.equal(c.livenessProbe.httpGet.path, '/actuator/health/liveness', `${describe(workload)} liveness probe`);
      assert.equal(c.readinessProbe.httpGet.path, '/actuator/health/readiness', `${describe(workload)} readiness probe`);
      assert.equal(c.startupProbe.httpGet.path, '/actuator/health/liveness', `${describe(workload)} startup probe`);
      const management = c.ports.find((p) => p.name === 'management');
      assert.ok(management, `${describe(workload)} names its management port`);
    }
    const sources = pod.volumes.flatMap((v) => [v, ...(v.projected?.sources ?? [])]);
    for (const source of sources) {
      const secret = source.secret?.secretName ?? source.secret?.name;
      if (secret) {
        assert.ok(find(objects, 'Secret', secret) || certificateSecrets.includes(secret), `${describe(workload)} mounts missing Secret ${secret}`);
      }
      const configMap = source.configMap?.name;
      if (configMap) assert.ok(find(objects, 'ConfigMap', configMap), `${describe(workload)} mounts missing ConfigMap ${configMap}`);
    }
  }
  // Every mount names a volume of its pod.
  for (const workload of workloads(objects)) {
    const volumes = workload.spec.template.spec.volumes.map((v) => v.name);
    for (const c of containersOf(workload)) {
      for (const m of c.volumeMounts ?? []) assert.ok(volumes.includes(m.name), `${describe(workload)} container ${c.name} mounts missing volume ${m.name}`);
    }
  }
  // PodDisruptionBudgets and NetworkPolicies select exactly one workload; a policy opens only ports its pods serve.
  for (const o of all(objects, 'PodDisruptionBudget', 'NetworkPolicy')) {
    const selector = o.kind === 'NetworkPolicy' ? o.spec.podSelector.matchLabels : o.spec.selector.matchLabels;
    const selected = workloads(objects).filter((w) => matches(selector, w.spec.template.metadata.labels));
    assert.equal(selected.length, 1, `${describe(o)} selects exactly one workload`);
    const served = selected[0].spec.template.spec.containers.flatMap((c) => c.ports.map((p) => p.containerPort));
    for (const rule of o.spec.ingress ?? []) {
      for (const port of rule.ports) assert.ok(served.includes(port.port), `${describe(o)} opens port ${port.port}, which its pods do not serve`);
    }
  }
  // Services select pods that have the target ports.
  for (const service of all(objects, 'Service')) {
    const backing = workloads(objects).filter((w) => matches(service.spec.selector, w.spec.template.metadata.labels));
    assert.equal(backing.length, 1, `${describe(service)} selects exactly one workload`);
    const ports = backing[0].spec.template.spec.containers.flatMap((c) => c.ports.map((p) => p.name));
    for (const port of service.spec.ports) assert.ok(ports.includes(port.targetPort), `${describe(service)} targets missing port ${port.targetPort}`);
  }
  // The APIService points at the metrics service's HTTPS port, with a caBundle it can verify it with.
  const apiService = find(objects, 'APIService', 'v1beta1.external.metrics.k8s.io');
  assert.ok(apiService, 'APIService v1beta1.external.metrics.k8s.io is rendered');
  assert.equal(apiService.spec.insecureSkipTLSVerify, undefined, 'APIService verifies TLS');
  const metricsService = find(objects, 'Service', apiService.spec.service.name);
  assert.ok(metricsService && metricsService.metadata.namespace === apiService.spec.service.namespace, 'APIService names the metrics Service');
  const httpsPort = metricsService.spec.ports.find((p) => p.port === apiService.spec.service.port);
  assert.equal(httpsPort?.targetPort, 'https', 'APIService port is the metrics service HTTPS port');
  const metricsDeployment = workloads(objects).find((w) => matches(metricsService.spec.selector, w.spec.template.metadata.labels));
  assert.equal(metricsDeployment.spec.template.spec.containers[0].name, 'metrics-service', 'the APIService reaches the metrics-service container');
  if (certManager) {
    const [ns, name] = apiService.metadata.annotations['cert-manager.io/inject-ca-from'].split('/');
    assert.ok(find(objects, 'Certificate', name) && ns === NAMESPACE, 'cert-manager injects the CA of a rendered Certificate');
  } else {
    assert.ok(apiService.spec.caBundle, 'APIService has a caBundle');
    assertHelmCertificates(objects, apiService);
  }
  // The metrics service reaches every controller replica at its stable StatefulSet name on the internal port.
  const controller = find(objects, 'StatefulSet');
  const endpoints = appConfig(objects, metricsDeployment.spec.template.spec.volumes.find((v) => v.name === 'config').configMap.name)
    .tide.metrics.controller.endpoints;
  const internalPort = controller.spec.template.spec.containers[0].ports.find((p) => p.name === 'internal').containerPort;
  assert.deepEqual(endpoints, [...Array(controller.spec.replicas).keys()].map((i) =>
    `https://${controller.metadata.name}-${i}.${controller.spec.serviceName}.${NAMESPACE}.svc.cluster.local:${internalPort}`));
  assert.equal(find(objects, 'Service', controller.spec.serviceName).spec.clusterIP, 'None', 'controller Service is headless');
  // Leader election: the Lease lives in the release namespace, where the controller may write it.
  const controllerConfig = appConfig(objects, controller.spec.template.spec.volumes.find((v) => v.name === 'config').configMap.name).tide.controller;
  assert.equal(controllerConfig['leader-election']['lease-namespace'], NAMESPACE);
  assert.ok(rulesOf(objects, 'Role').some(({ role, rule }) => role.metadata.namespace === NAMESPACE && grants(rule, 'coordination.k8s.io', 'leases', 'patch')),
    'a Role lets the controller patch its Lease (fabric8 LeaderElector: get, create, patch)');
  assert.ok(!rulesOf(objects, 'ClusterRole').some(({ rule }) => rule.resources.includes('leases')), 'no cluster-wide Lease access');
  // Sharding (controller.sharding: auto): on exactly when more than one replica runs, with the leader-election timings;
  // only then may the controller list the member Leases and delete its own.
  const sharded = controller.spec.replicas > 1;
  assert.equal(controllerConfig.sharding.enabled, sharded, `sharding is ${sharded ? 'on' : 'off'} with ${controller.spec.replicas} replica(s)`);
  assert.deepEqual(['lease-duration', 'renew-deadline'].map((k) => controllerConfig.sharding[k]),
    ['lease-duration', 'renew-deadline'].map((k) => controllerConfig['leader-election'][k]), 'sharding uses the leader-election timings');
  assert.equal(controllerConfig.sharding['renew-period'], controllerConfig['leader-election']['retry-period']);
  const leaseRules = rulesOf(objects, 'Role').filter(({ role, rule }) => role.metadata.namespace === NAMESPACE && rule.resources.includes('leases'));
  assert.equal(leaseRules.some(({ rule }) => rule.verbs.includes('list') && rule.verbs.includes('delete')), sharded,
    'the member Leases are listed and deleted only when sharded');
  // The plugins folder the controller reads is the one the volume is mounted at.
  const mount = controller.spec.template.spec.containers[0].volumeMounts.find((m) => m.name === 'plugins');
  assert.equal(mount.mountPath, controllerConfig['plugins-dir']);
  // The admission webhook only reads what it checks; nothing may write LimitRanges.
  for (const { role, rule } of rulesOf(objects, 'ClusterRole', 'Role').filter(({ rule }) => rule.resources.includes('limitranges'))) {
    assert.deepEqual([rule.apiGroups, rule.verbs], [[''], ['list']], `LimitRanges are only listed: ${describe(role)} ${JSON.stringify(rule)}`);
  }
  // ScaledJobs: the loop creates and deletes Jobs but never changes one, and only reads pods (to tell pending Jobs).
  for (const { role, rule } of rulesOf(objects, 'ClusterRole', 'Role').filter(({ rule }) => rule.resources.includes('jobs'))) {
    assert.deepEqual([rule.apiGroups, rule.resources, rule.verbs], [['batch'], ['jobs'], ['get', 'list', 'watch', 'create', 'delete']],
      `Jobs are created and deleted, never updated: ${describe(role)} ${JSON.stringify(rule)}`);
  }
  for (const { role, rule } of rulesOf(objects, 'ClusterRole', 'Role').filter(({ rule }) => rule.resources.includes('pods'))) {
    assert.deepEqual([rule.apiGroups, rule.resources, rule.verbs], [[''], ['pods'], ['get', 'list', 'watch']],
      `pods are only read: ${describe(role)} ${JSON.stringify(rule)}`);
  }
  // Wherever the controller may manage ScaledObjects, it may manage ScaledJobs and their Jobs too.
  const managers = all(objects, 'ClusterRole', 'Role').filter((r) => (r.rules ?? []).some((rule) => grants(rule, 'keda.sh', 'scaledobjects', 'watch')));
  assert.ok(managers.length, 'the controller may watch ScaledObjects');
  for (const role of managers) {
    for (const [group, resource, verb] of [['keda.sh', 'scaledjobs', 'watch'], ['keda.sh', 'scaledjobs/status', 'patch'],
      ['keda.sh', 'scaledjobs/finalizers', 'update'], ['batch', 'jobs', 'create'], ['batch', 'jobs', 'delete'], ['', 'pods', 'list']]) {
      assert.ok(role.rules.some((rule) => grants(rule, group, resource, verb)), `${describe(role)} may ${verb} ${resource} for ScaledJobs`);
    }
  }
  if (webhooks) assertWebhooks(objects, controller, webhooks, certManager);
}

// The ValidatingWebhookConfiguration reaches the webhook server of every controller replica through the webhooks
// Service, which the controller certificate names and the caBundle (or cert-manager's injected CA) verifies.
function assertWebhooks(objects, controller, { failurePolicy, timeoutSeconds }, certManager) {
  const configuration = find(objects, 'ValidatingWebhookConfiguration');
  assert.ok(configuration, 'a ValidatingWebhookConfiguration is rendered');
  assert.deepEqual(configuration.webhooks.map((w) => [w.name, w.clientConfig.service.path, ...w.rules[0].resources]), KEDA_WEBHOOKS,
    "KEDA's webhook names, paths and resources");
  const service = find(objects, 'Service', configuration.webhooks[0].clientConfig.service.name);
  assert.ok(service, 'the webhooks Service is rendered');
  for (const webhook of configuration.webhooks) {
    const where = `webhook ${webhook.name}`;
    assert.deepEqual(webhook.clientConfig.service, { name: service.metadata.name, namespace: NAMESPACE, path: webhook.clientConfig.service.path, port: 443 },
      `${where} calls the webhooks Service on 443 in the release namespace`);
    assert.deepEqual(webhook.rules, [{ apiGroups: ['keda.sh'], apiVersions: ['v1alpha1'], operations: ['CREATE', 'UPDATE'], resources: webhook.rules[0].resources }],
      `${where} rules`);
    assert.deepEqual([webhook.sideEffects, webhook.admissionReviewVersions, webhook.matchPolicy], ['None', ['v1'], 'Equivalent'], where);
    assert.deepEqual([webhook.failurePolicy, webhook.timeoutSeconds], [failurePolicy, timeoutSeconds], `${where} failurePolicy and timeoutSeconds follow the values`);
  }
  // The Service sends 443 to the controller container's webhooks port, the port the controller is told to serve on.
  assert.equal(service.metadata.namespace, NAMESPACE);
  assert.equal(service.spec.type, 'ClusterIP');
  assert.ok(matches(service.spec.selector, controller.spec.template.metadata.labels), 'the webhooks Service selects the controller pods');
  assert.deepEqual(service.spec.ports.map((p) => [p.port, p.targetPort]), [[443, 'webhooks']]);
  const container = controller.spec.template.spec.containers.find((c) => c.name === 'controller');
  const port = container.ports.find((p) => p.name === 'webhooks');
  assert.ok(port, 'the controller container has a webhooks port');
  const config = appConfig(objects, controller.spec.template.spec.volumes.find((v) => v.name === 'config').configMap.name);
  assert.deepEqual(config.tide.webhooks, { enabled: true, port: port.containerPort, 'ssl-bundle': 'webhook' });
  // Its SSL bundle is the controller certificate mounted at /certs, without a truststore (no client certificates).
  assert.deepEqual(config.spring.ssl.bundle.pem[config.tide.webhooks['ssl-bundle']],
    { 'reload-on-update': true, keystore: { certificate: 'file:/certs/tls.crt', 'private-key': 'file:/certs/tls.key' } });
  assert.equal(container.volumeMounts.find((m) => m.mountPath === '/certs').name, 'certs');
  const certSecret = controller.spec.template.spec.volumes.find((v) => v.name === 'certs').secret.secretName;
  const dnsNames = [service.metadata.name, `${service.metadata.name}.${NAMESPACE}.svc`, `${service.metadata.name}.${NAMESPACE}.svc.cluster.local`];
  if (certManager) {
    const certificate = all(objects, 'Certificate').find((c) => c.spec.secretName === certSecret);
    assert.equal(configuration.metadata.annotations?.['cert-manager.io/inject-ca-from'], `${NAMESPACE}/${certificate.metadata.name}`,
      'cert-manager injects the CA of the controller Certificate');
    assert.ok(configuration.webhooks.every((w) => w.clientConfig.caBundle === undefined), 'no caBundle of our own with cert-manager');
    assert.deepEqual(dnsNames.filter((n) => !certificate.spec.dnsNames.includes(n)), [], 'the controller Certificate names the webhooks Service');
  } else {
    const secrets = (name) => find(objects, 'Secret', name).data;
    const ca = decode(secrets('tide-ca')['tls.crt']);
    for (const webhook of configuration.webhooks) {
      assert.equal(decode(webhook.clientConfig.caBundle), ca, `webhook ${webhook.name} caBundle is the chart CA`);
    }
    assert.equal(decode(secrets(certSecret)['ca.crt']), ca, 'the controller certificate comes with the same CA');
    assert.deepEqual(dnsNames.map((n) => `DNS:${n}`).filter((n) => !sans(decode(secrets(certSecret)['tls.crt'])).includes(n)), [],
      'the controller certificate names the webhooks Service');
  }
  // Reads for the webhook's checks: the target's containers, HPAs and LimitRanges, wherever it may list LimitRanges.
  const readers = all(objects, 'ClusterRole', 'Role').filter((r) => r.rules.some((rule) => grants(rule, '', 'limitranges', 'list')));
  assert.ok(readers.length, 'the controller may list LimitRanges');
  for (const role of readers) {
    for (const [group, resource, verb] of [['apps', 'deployments', 'get'], ['apps', 'statefulsets', 'get'], ['autoscaling', 'horizontalpodautoscalers', 'list']]) {
      assert.ok(role.rules.some((rule) => grants(rule, group, resource, verb)), `${describe(role)} may ${verb} ${resource} for the webhook`);
    }
  }
}

// With webhooks.enabled=false nothing of the webhook is rendered, and the controller is told not to serve it.
function assertNoWebhooks(objects) {
  assert.equal(find(objects, 'ValidatingWebhookConfiguration'), undefined, 'no ValidatingWebhookConfiguration');
  assert.equal(find(objects, 'Service', 'tide-controller-webhooks'), undefined, 'no webhooks Service');
  const controller = find(objects, 'StatefulSet');
  assert.ok(!controller.spec.template.spec.containers[0].ports.some((p) => p.name === 'webhooks'), 'no webhooks container port');
  assert.equal(appConfig(objects, 'tide-controller').tide.webhooks.enabled, false, 'tide.webhooks.enabled is false');
  assert.ok(!rulesOf(objects, 'ClusterRole', 'Role').some(({ rule }) => rule.resources.includes('limitranges')), 'no LimitRange access');
  assert.ok(!sans(decode(find(objects, 'Secret', 'tide-controller-tls').data['tls.crt'])).some((n) => n.includes('webhooks')),
    'the controller certificate names no webhooks Service');
}

function assertHelmCertificates(objects, apiService) {
  const secret = (name) => find(objects, 'Secret', name).data;
  const ca = new X509Certificate(decode(secret('tide-ca')['tls.crt']));
  assert.equal(decode(apiService.spec.caBundle), ca.toString(), 'caBundle is the chart CA');
  const dnsNames = (name) => new X509Certificate(decode(secret(name)['tls.crt'])).subjectAltName ?? '';
  for (const name of ['tide-controller-tls', 'tide-metrics-service-tls', 'tide-metrics-service-client-tls']) {
    const cert = new X509Certificate(decode(secret(name)['tls.crt']));
    assert.ok(cert.verify(ca.publicKey), `${name} is signed by the chart CA`);
    assert.equal(decode(secret(name)['ca.crt']), ca.toString(), `${name} carries the CA`);
  }
  assert.match(dnsNames('tide-metrics-service-tls'), new RegExp(`DNS:tide-metrics-service\\.${NAMESPACE}\\.svc(,|$)`), 'metrics service certificate names its Service');
  assert.match(dnsNames('tide-controller-tls'), new RegExp(`DNS:\\*\\.tide-controller\\.${NAMESPACE}\\.svc\\.cluster\\.local`), 'controller certificate covers every replica');
}

const cases = [
  {
    name: 'defaults',
    values: [],
    expect(objects) {
      assert.deepEqual([...new Set(objects.map((o) => o.kind))].sort(), ['APIService', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap',
        'CustomResourceDefinition', 'Deployment', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'Secret', 'Service', 'ServiceAccount', 'StatefulSet',
        'ValidatingWebhookConfiguration']);
      const clusterRules = rulesOf(objects, 'ClusterRole').map(({ rule }) => rule);
      assert.ok(clusterRules.some((r) => grants(r, '', 'secrets', 'get')), 'Secrets get by name cluster-wide');
      for (const resource of ['deployments/scale', 'statefulsets/scale']) {
        assert.ok(clusterRules.some((r) => grants(r, 'apps', resource, 'update')), `may scale ${resource}`);
      }
      for (const resource of ['deployments', 'statefulsets']) {
        for (const verb of ['list', 'watch']) {
          assert.ok(clusterRules.some((r) => grants(r, 'apps', resource, verb)), `may ${verb} ${resource}: replica counts come from an informer`);
        }
      }
      assert.ok(!clusterRules.some((r) => r.resources.includes('limitranges') && r.resources.length > 1), 'LimitRanges in a rule of their own');
      const webhooks = find(objects, 'ValidatingWebhookConfiguration', 'tide-admission').webhooks;
      assert.ok(webhooks.every((w) => Object.keys(w.namespaceSelector).length === 0), 'every namespace is validated');
      assert.ok(clusterRules.some((r) => grants(r, 'keda.sh', 'scaledobjects/status', 'patch')), 'writes ScaledObject status');
      assert.ok(clusterRules.some((r) => grants(r, 'autoscaling', 'horizontalpodautoscalers', 'create')), 'manages HPAs');
      assert.ok(clusterRules.some((r) => grants(r, '', 'events', 'create')), 'writes Events');
      const reader = find(objects, 'RoleBinding', 'tide-metrics-service-auth-reader');
      assert.equal(reader.metadata.namespace, 'kube-system', 'reads the request-header CA from kube-system');
      const controller = find(objects, 'StatefulSet');
      assert.equal(controller.spec.template.spec.initContainers, undefined, 'no plugin init containers');
      assert.deepEqual(controller.spec.template.spec.volumes.find((v) => v.name === 'plugins').emptyDir, {});
      assert.equal(controller.spec.template.spec.containers[0].image, 'tide/controller:0.1.0');
      // G1's young pauses on the heap of 100,000 ScaledObjects delayed passes by 80-245 ms; Shenandoah does not.
      const javaOptions = (w) => w.spec.template.spec.containers[0].env.find((e) => e.name === 'JAVA_TOOL_OPTIONS').value;
      assert.match(javaOptions(controller), /(^| )-XX:\+UseShenandoahGC( |$)/, 'the controller runs the Shenandoah collector');
      assert.doesNotMatch(javaOptions(find(objects, 'Deployment')), /UseShenandoahGC/, 'the metrics service keeps the JVM default collector');
      // The CRDs are the generated files, kept by Helm on uninstall.
      const rendered = all(objects, 'CustomResourceDefinition');
      assert.deepEqual(rendered.map((c) => c.metadata.name).sort(), crds.map((c) => c.metadata.name).sort(), 'every generated CRD is rendered');
      for (const crd of rendered) {
        assert.deepEqual(crd.spec, crds.find((c) => c.metadata.name === crd.metadata.name).spec, `${crd.metadata.name} is the generated CRD`);
        assert.deepEqual(crd.metadata.annotations, { 'helm.sh/resource-policy': 'keep' }, `${crd.metadata.name} is kept on uninstall`);
        assert.equal(crd.metadata.labels['app.kubernetes.io/managed-by'], 'Helm');
      }
      // Nothing of the opt-in pod settings.
      for (const w of workloads(objects)) {
        const pod = w.spec.template.spec;
        assert.deepEqual([pod.hostNetwork, pod.dnsPolicy, pod.dnsConfig, pod.priorityClassName, pod.topologySpreadConstraints],
          [undefined, undefined, undefined, undefined, undefined], `${describe(w)} keeps the cluster's pod defaults`);
        assert.equal(w.spec.template.metadata.labels['azure.workload.identity/use'], undefined);
      }
      assert.ok(all(objects, 'ServiceAccount').every((sa) => sa.metadata.annotations === undefined), 'no ServiceAccount annotations');
      assert.equal(all(objects, 'NetworkPolicy').length, 0, 'no NetworkPolicy unless enabled');
    },
  },
  {
    name: 'operations',
    values: [valueFile('operations.yaml')],
    expect: assertOperations,
  },
  {
    name: 'CRDs left to the cluster',
    values: [],
    set: ['crds.install=false'],
    expect(objects) {
      assert.equal(all(objects, 'CustomResourceDefinition').length, 0, 'crds.install=false renders no CRD');
    },
  },
  {
    name: 'CRDs not kept',
    values: [],
    set: ['crds.keep=false', 'crds.additionalAnnotations.team=autoscaling'],
    expect(objects) {
      for (const crd of all(objects, 'CustomResourceDefinition')) {
        assert.deepEqual(crd.metadata.annotations, { team: 'autoscaling' }, `${crd.metadata.name}: no keep policy, extra annotations`);
      }
    },
  },
  {
    name: 'full',
    values: [valueFile('full.yaml')],
    expect(objects) {
      assert.equal(all(objects, 'ServiceMonitor').length, 2);
      assert.equal(all(objects, 'PodMonitor').length, 2);
      assert.equal(find(objects, 'ServiceMonitor').metadata.labels.release, 'prometheus');
      assert.deepEqual(find(objects, 'PrometheusRule').spec, parseYaml(readFileSync(path.join(CHART, 'rules/tide-alerts.yaml'), 'utf8')),
        'the PrometheusRule holds rules/tide-alerts.yaml');
      const dashboard = find(objects, 'ConfigMap', 'tide-dashboard');
      assert.equal(dashboard.metadata.labels.grafana_dashboard, '1');
      assert.equal(dashboard.metadata.namespace, 'monitoring');
      assert.deepEqual(JSON.parse(dashboard.data['tide.json']), JSON.parse(readFileSync(path.join(CHART, 'dashboards/tide.json'), 'utf8')),
        'the ConfigMap holds dashboards/tide.json');
      const controller = find(objects, 'StatefulSet');
      const init = controller.spec.template.spec.initContainers;
      assert.deepEqual(init.map((c) => [c.name, c.image]), [['plugin-metrics-api', 'tide-plugins/metrics-api:1.0.0'], ['plugin-custom', 'tide-plugins/custom:2.0.0']]);
      assert.deepEqual(init[0].command.slice(-2), ['/plugins', '/opt/tide/plugins/metrics-api'], 'copies the image folder into its own plugin folder');
      assert.deepEqual(init[1].command, ['/bin/copy-plugin', '/opt/jars', '/opt/tide/plugins/custom']);
      assert.ok(init.every((c) => c.volumeMounts[0].mountPath === '/opt/tide/plugins'));
      assert.equal(controller.spec.template.spec.containers[0].image, 'local-mirror/tide/controller:0.1.0');
      const config = appConfig(objects, 'tide-controller');
      assert.equal(config.tide.controller['max-concurrent-reconciles'], 20, 'extraConfig wins');
      assert.equal(config.logging.structured.format.console, 'ecs');
      assert.equal(config.logging.level['dev.tide'], 'debug');
      const metrics = find(objects, 'Deployment');
      const projected = metrics.spec.template.spec.volumes.find((v) => v.name === 'certs').projected.sources;
      assert.ok(projected.some((s) => s.configMap?.items?.[0]?.path === 'requestheader-client-ca.crt'), 'request-header CA from values is mounted');
      assert.equal(find(objects, 'RoleBinding', 'tide-metrics-service-auth-reader'), undefined, 'no kube-system access needed');
      assert.equal(metrics.spec.replicas, 3);
    },
  },
  {
    name: 'restricted',
    values: [valueFile('restricted.yaml')],
    expect(objects) {
      const clusterRules = rulesOf(objects, 'ClusterRole').map(({ rule }) => rule);
      assert.ok(!clusterRules.some((r) => r.resources.includes('secrets') || r.resources.includes('configmaps')), 'no cluster-wide Secret access');
      assert.ok(!clusterRules.some((r) => r.resources.includes('scaledobjects')), 'ScaledObjects only in watched namespaces');
      for (const resource of ['scaledjobs', 'jobs', 'pods']) {
        assert.ok(!clusterRules.some((r) => r.resources.includes(resource)), `${resource} only in watched namespaces`);
      }
      assert.ok(clusterRules.some((r) => r.resources.includes('clustertriggerauthentications')), 'cluster-scoped CRD stays cluster-wide');
      const roleIn = (ns) => rulesOf(objects, 'Role').filter(({ role }) => role.metadata.namespace === ns).map(({ rule }) => rule);
      const secretNamespaces = all(objects, 'Role').filter((r) => r.rules.some((rule) => rule.resources.includes('secrets'))).map((r) => r.metadata.namespace).sort();
      assert.deepEqual(secretNamespaces, ['shop', NAMESPACE].sort(), 'Secrets in the named namespace and the cluster-object namespace only');
      for (const ns of ['shop', 'billing']) {
        assert.ok(roleIn(ns).some((r) => grants(r, 'argoproj.io', 'rollouts/scale', 'update')), `may scale rollouts in ${ns}`);
        assert.ok(!roleIn(ns).some((r) => r.resources.includes('statefulsets/scale')), `may not scale StatefulSets in ${ns}`);
      }
      assert.deepEqual(appConfig(objects, 'tide-controller').tide.controller['watch-namespaces'], ['shop', 'billing']);
      for (const webhook of find(objects, 'ValidatingWebhookConfiguration').webhooks) {
        assert.deepEqual(webhook.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop', 'billing'] }] },
          `${webhook.name} validates only the watched namespaces, where the controller may read targets`);
      }
      assert.ok(!rulesOf(objects, 'ClusterRole').some(({ rule }) => rule.resources.includes('limitranges')), 'LimitRanges only in watched namespaces');
      const controller = find(objects, 'StatefulSet');
      assert.deepEqual(controller.spec.template.spec.volumes.find((v) => v.name === 'plugins').persistentVolumeClaim, { claimName: 'tide-plugins' });
      assert.deepEqual(all(objects, 'PodDisruptionBudget').map((p) => [p.metadata.name, p.spec.minAvailable]), [['tide-controller', 1]]);
    },
  },
  {
    name: 'cert-manager',
    values: [valueFile('cert-manager.yaml')],
    certManager: true,
    expect(objects) {
      assert.equal(all(objects, 'Secret').length, 0, 'no Helm-made Secrets');
      assert.deepEqual(all(objects, 'Certificate').map((c) => c.metadata.name).sort(),
        ['autoscaler-ca', 'autoscaler-controller-tls', 'autoscaler-metrics-service-client-tls', 'autoscaler-metrics-service-tls']);
      assert.equal(find(objects, 'APIService').spec.caBundle, undefined);
      const usages = (name) => find(objects, 'Certificate', name).spec.usages;
      assert.ok(usages('autoscaler-metrics-service-client-tls').includes('client auth'));
      assert.ok(usages('autoscaler-controller-tls').includes('server auth'));
    },
  },
  {
    name: 'webhooks Fail, 5 s',
    values: [],
    set: ['webhooks.failurePolicy=Fail', 'webhooks.timeoutSeconds=5', 'webhooks.name=keda-admission'],
    webhooks: { failurePolicy: 'Fail', timeoutSeconds: 5 },
    expect(objects) {
      assert.ok(find(objects, 'ValidatingWebhookConfiguration', 'keda-admission'), 'webhooks.name names the configuration');
    },
  },
  {
    name: 'webhooks disabled',
    values: [],
    set: ['webhooks.enabled=false'],
    webhooks: false,
    expect: assertNoWebhooks,
  },
];

// values/operations.yaml: pod identity, network policies, host network and DNS, extra volumes and objects, spreading,
// priority, disruption budgets and JSON logs, each where the chart promises it and nowhere else.
function assertOperations(objects) {
  const controller = find(objects, 'StatefulSet');
  const metrics = find(objects, 'Deployment');
  const serviceAccount = (w) => find(objects, 'ServiceAccount', w.spec.template.spec.serviceAccountName);
  assert.deepEqual(serviceAccount(controller).metadata.annotations, {
    'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000001',
    'azure.workload.identity/tenant-id': '00000000-0000-0000-0000-000000000002',
    'azure.workload.identity/service-account-token-expiration': '3600',
    'eks.amazonaws.com/audience': 'sts.amazonaws.com',
    'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/tide-controller',
    'eks.amazonaws.com/sts-regional-endpoints': 'true',
    'eks.amazonaws.com/token-expiration': '86400',
    'iam.gke.io/gcp-service-account': 'tide@project.iam.gserviceaccount.com',
  }, 'the controller ServiceAccount carries the identity of every cloud');
  assert.equal(serviceAccount(controller).metadata.labels['azure.workload.identity/use'], 'true');
  assert.equal(controller.spec.template.metadata.labels['azure.workload.identity/use'], 'true', 'Azure injects the token into controller pods');
  assert.equal(serviceAccount(metrics).metadata.annotations, undefined, 'the metrics service calls no event source: no identity');
  assert.equal(metrics.spec.template.metadata.labels['azure.workload.identity/use'], undefined);

  const pod = (w) => w.spec.template.spec;
  assert.deepEqual([pod(controller).hostNetwork, pod(controller).dnsPolicy, pod(controller).dnsConfig],
    [true, 'ClusterFirstWithHostNet', { options: [{ name: 'ndots', value: '1' }] }], 'host network keeps cluster DNS');
  assert.deepEqual([pod(metrics).hostNetwork, pod(metrics).dnsPolicy, pod(metrics).dnsConfig.nameservers], [undefined, 'None', ['10.0.0.10']]);
  assert.deepEqual(pod(controller).volumes.find((v) => v.name === 'trust'), { name: 'trust', configMap: { name: 'tide-trust' } }, 'extraVolumes are templated');
  assert.deepEqual(pod(controller).containers[0].volumeMounts.at(-1), { name: 'trust', mountPath: '/etc/tide-trust', readOnly: true });
  assert.deepEqual(pod(metrics).containers[0].volumeMounts.at(-1), { name: 'scratch', mountPath: '/scratch' });
  assert.deepEqual([pod(controller).priorityClassName, pod(metrics).priorityClassName], ['system-cluster-critical', 'tide-metrics']);
  assert.deepEqual([pod(controller).topologySpreadConstraints[0].topologyKey, pod(metrics).topologySpreadConstraints[0].topologyKey],
    ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  assert.deepEqual(all(objects, 'PodDisruptionBudget').map((p) => [p.metadata.name, p.spec.minAvailable, p.spec.maxUnavailable]),
    [['tide-controller', 1, undefined], ['tide-metrics-service', undefined, 1]]);

  // Extra objects, templated, strings and objects alike.
  assert.deepEqual(find(objects, 'ConfigMap', 'tide-trust').data, { release: 'tide' });
  assert.equal(find(objects, 'ClusterTriggerAuthentication', 'tide-aws').spec.podIdentity.provider, 'aws');

  // Network policies: the internal metrics API only from the metrics service, which may reach only the controller.
  const policy = (w) => all(objects, 'NetworkPolicy').find((p) => matches(p.spec.podSelector.matchLabels, w.spec.template.metadata.labels));
  const port = (w, name) => pod(w).containers[0].ports.find((p) => p.name === name).containerPort;
  const internal = policy(controller).spec.ingress.find((r) => r.ports.some((p) => p.port === port(controller, 'internal')));
  assert.equal(internal.from.length, 1);
  assert.ok(matches(internal.from[0].podSelector.matchLabels, metrics.spec.template.metadata.labels), 'internal API only from the metrics service');
  assert.ok(!matches(internal.from[0].podSelector.matchLabels, controller.spec.template.metadata.labels));
  for (const name of ['webhooks', 'management']) {
    assert.ok(policy(controller).spec.ingress.some((r) => !r.from && r.ports.some((p) => p.port === port(controller, name))),
      `the controller's ${name} port is open to the API server and Prometheus`);
  }
  assert.deepEqual(policy(metrics).spec.ingress[0].ports.map((p) => p.port).sort(), [port(metrics, 'https'), port(metrics, 'management')].sort());
  const toController = policy(metrics).spec.egress.find((r) => r.to?.[0]?.podSelector && !r.to[0].namespaceSelector);
  assert.ok(matches(toController.to[0].podSelector.matchLabels, controller.spec.template.metadata.labels));
  assert.deepEqual(toController.ports, [{ protocol: 'TCP', port: port(controller, 'internal') }]);
  assert.deepEqual(policy(controller).spec.egress.at(-1), { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] },
    'extraEgressRules are appended');
  for (const p of all(objects, 'NetworkPolicy')) {
    assert.ok(p.spec.egress.some((r) => r.ports?.some((x) => x.port === 53 && x.protocol === 'UDP')), `${describe(p)} allows DNS`);
  }

  // json: Spring Boot's logstash format in both services.
  for (const name of ['tide-controller', 'tide-metrics-service']) {
    assert.equal(appConfig(objects, name).logging.structured.format.console, 'logstash', `${name} logs JSON lines`);
  }
}

const setFlags = (set = []) => set.flatMap((s) => ['--set', s]);
const lint = (values, set) => run(HELM, ['lint', '--strict', CHART, '--namespace', NAMESPACE, ...values.flatMap((f) => ['-f', f]), ...setFlags(set)]);

const crdFiles = readdirSync(path.join(CHART, 'files/crds')).map((f) => path.join(CHART, 'files/crds', f));
const crds = crdFiles.flatMap(readYamlDocuments);
const validators = crdValidators(crds);

const rendered = [];
for (const c of cases) {
  await check(`helm lint --strict (${c.name})`, () => lint(c.values, c.set));
  let objects;
  await check(`helm template renders valid Kubernetes objects (${c.name})`, async () => {
    objects = render(c.values, setFlags(c.set));
    await validateObjects(objects, validators);
  });
  if (!objects) continue;
  rendered.push(...objects.map((o) => ({ ...o, metadata: { ...o.metadata, name: `${o.metadata.name} (${c.name})` } })));
  await check(`rendered chart keeps its security and wiring promises (${c.name})`, () => assertInvariants(objects, c));
  await check(`rendered chart matches the ${c.name} values`, () => c.expect(objects));
}

// helm template has no cluster, so lookup finds nothing. To test what an upgrade keeps, a copy of the chart gets a
// templates/_lookup.tpl whose "tide.existingSecret" answers from the given Secrets instead of the cluster.
function renderUpgrade(existingSecrets, set = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tide-chart-'));
  try {
    const chart = path.join(dir, 'tide');
    cpSync(CHART, chart, { recursive: true });
    const byName = Object.fromEntries(existingSecrets.map((s) => [s.metadata.name, s]));
    writeFileSync(path.join(chart, 'templates/_lookup.tpl'), `{{- define "tide.existingSecret" -}}
{{- index (\`${JSON.stringify(byName)}\` | fromJson) (index . 1) | default dict | toJson }}
{{- end }}
`);
    return parseYamlDocuments(run(HELM, ['template', 'tide', chart, '--namespace', NAMESPACE, ...setFlags(set)]), 'helm template (upgrade)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const CERT_SECRETS = ['tide-ca', 'tide-controller-tls', 'tide-metrics-service-tls', 'tide-metrics-service-client-tls'];
const certSecrets = (objects) => Object.fromEntries(CERT_SECRETS.map((name) => [name, find(objects, 'Secret', name)]));
const caBundles = (objects) => [find(objects, 'APIService').spec.caBundle, ...find(objects, 'ValidatingWebhookConfiguration').webhooks.map((w) => w.clientConfig.caBundle)];
const withAnnotation = (secret, key, value) => ({ ...secret, metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, [key]: value } } });
const inDays = (days) => String(Math.floor(Date.now() / 1000) + days * 86400);
const signedBy = (secret, ca) => new X509Certificate(decode(secret.data['tls.crt'])).verify(new X509Certificate(decode(ca.data['tls.crt'])).publicKey);

await check('without a cluster (helm template) every install makes a new CA and certificates', () => {
  const [first, second] = [certSecrets(render([])), certSecrets(render([]))];
  for (const name of CERT_SECRETS) assert.notEqual(first[name].data['tls.crt'], second[name].data['tls.crt'], name);
});

await check('an upgrade keeps the CA, every certificate and the caBundles', () => {
  const installed = render([]);
  const upgraded = renderUpgrade(Object.values(certSecrets(installed)));
  assert.deepEqual(certSecrets(upgraded), certSecrets(installed), 'the four Secrets are unchanged, annotations included');
  assert.deepEqual(caBundles(upgraded), caBundles(installed), 'APIService and webhook caBundles are unchanged');
  assert.ok(Number(certSecrets(installed)['tide-ca'].metadata.annotations['tide.dev/not-after']) > Number(inDays(3649)), 'not-after recorded');
});

await check('an upgrade that changes a certificate\'s names makes only that one anew, signed by the kept CA', () => {
  const installed = certSecrets(render([]));
  const upgraded = certSecrets(renderUpgrade(Object.values(installed), ['webhooks.enabled=false']));
  assert.deepEqual(upgraded['tide-ca'], installed['tide-ca']);
  assert.notEqual(upgraded['tide-controller-tls'].data['tls.crt'], installed['tide-controller-tls'].data['tls.crt'], 'controller names changed');
  assert.ok(signedBy(upgraded['tide-controller-tls'], installed['tide-ca']), 'signed by the kept CA');
  assert.ok(!sans(decode(upgraded['tide-controller-tls'].data['tls.crt'])).some((n) => n.includes('webhooks')));
  assert.deepEqual(upgraded['tide-metrics-service-tls'], installed['tide-metrics-service-tls'], 'the metrics service certificate is kept');
  const longer = certSecrets(renderUpgrade(Object.values(installed), ['certificates.helm.validityDays=365']));
  assert.deepEqual(longer['tide-ca'], installed['tide-ca'], 'the CA is kept while valid');
  assert.notEqual(longer['tide-metrics-service-tls'].data['tls.crt'], installed['tide-metrics-service-tls'].data['tls.crt'], 'another validity: made anew');
});

await check('an upgrade renews a certificate that expires within renewBeforeDays, and everything under a renewed CA', () => {
  const installed = certSecrets(render([]));
  const leafExpiring = renderUpgrade(Object.values({ ...installed,
    'tide-metrics-service-tls': withAnnotation(installed['tide-metrics-service-tls'], 'tide.dev/not-after', inDays(10)) }));
  const leaf = certSecrets(leafExpiring);
  assert.notEqual(leaf['tide-metrics-service-tls'].data['tls.crt'], installed['tide-metrics-service-tls'].data['tls.crt'], 'renewed');
  assert.ok(Number(leaf['tide-metrics-service-tls'].metadata.annotations['tide.dev/not-after']) > Number(inDays(3649)));
  assert.deepEqual([leaf['tide-ca'], leaf['tide-controller-tls']], [installed['tide-ca'], installed['tide-controller-tls']], 'the rest is kept');
  assert.deepEqual(caBundles(leafExpiring), [installed['tide-ca'].data['tls.crt'], ...Array(4).fill(installed['tide-ca'].data['tls.crt'])]);

  const caExpiring = certSecrets(renderUpgrade(Object.values({ ...installed,
    'tide-ca': withAnnotation(installed['tide-ca'], 'tide.dev/not-after', inDays(29)) })));
  for (const name of CERT_SECRETS) assert.notEqual(caExpiring[name].data['tls.crt'], installed[name].data['tls.crt'], `${name} renewed with the CA`);
  const validFor31Days = inDays(31);
  const kept = certSecrets(renderUpgrade(Object.values({ ...installed,
    'tide-ca': withAnnotation(installed['tide-ca'], 'tide.dev/not-after', validFor31Days) })));
  for (const name of CERT_SECRETS) assert.deepEqual(kept[name].data, installed[name].data, `${name}: a CA valid beyond renewBeforeDays is kept`);
  assert.equal(kept['tide-ca'].metadata.annotations['tide.dev/not-after'], validFor31Days, 'with the expiry it was made with');
});

await check('an upgrade from a chart that recorded nothing keeps the CA and reissues the certificates under it', () => {
  const installed = certSecrets(render([]));
  const bare = (s) => ({ metadata: { name: s.metadata.name }, data: s.data });
  const upgraded = certSecrets(renderUpgrade(Object.values(installed).map(bare)));
  assert.equal(upgraded['tide-ca'].data['tls.crt'], installed['tide-ca'].data['tls.crt'], 'the CA (and so every caBundle) is kept');
  for (const name of CERT_SECRETS.slice(1)) {
    assert.notEqual(upgraded[name].data['tls.crt'], installed[name].data['tls.crt'], `${name}: made for nothing recorded, so anew`);
    assert.ok(signedBy(upgraded[name], installed['tide-ca']), `${name} signed by the kept CA`);
  }
});

// kubernetes-models checks types and required fields of one Kubernetes version but lets unknown fields through (a typo
// in a field name would be dropped by the API server without a word). scripts/KubernetesApiModels.java reads every
// rendered object, in one JVM, through the official Java client's models of each Kubernetes minor the chart supports
// (one jar per minor, copied by the build into target/kubernetes-api/<minor>/): an apiVersion a minor does not serve,
// a field it does not declare, a missing required field or a value of the wrong type fails, naming the minor.
const MODELS = path.join(MODULE, 'target/kubernetes-api');
function checkModels(objects) {
  assert.ok(existsSync(path.join(MODELS, 'lib')), `${MODELS} is missing: run ./mvnw -B -pl deploy-checks generate-resources`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tide-models-'));
  try {
    const file = path.join(dir, 'objects.json');
    writeFileSync(file, JSON.stringify(objects));
    let output;
    try {
      output = run(JAVA, ['-cp', path.join(MODELS, 'lib/*'), path.join(MODULE, 'scripts/KubernetesApiModels.java'), file, MODELS]);
    } catch (e) {
      output = e.message.slice(e.message.indexOf('\n') + 1);
    }
    const lines = output.trim().split('\n');
    const summaries = lines.filter((l) => / \(client-java-api-[\d.]+\.jar\): checked \d+ objects/.test(l));
    assert.ok(summaries.length, output);
    return { problems: lines.filter((l) => !summaries.includes(l)), summaries, minors: summaries.map((l) => l.match(/^Kubernetes (\d+\.\d+) /)[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const oldestSupported = parseYaml(readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8')).kubeVersion.match(/^>=(\d+\.\d+)\./)[1];

await check(`every rendered object is valid in every supported Kubernetes minor (the Java client's models, ${rendered.length} objects)`, () => {
  const { problems, summaries, minors } = checkModels(rendered);
  assert.deepEqual(problems, []);
  assert.equal(minors[0], oldestSupported, `the oldest minor checked is the chart's kubeVersion floor: ${minors}`);
  assert.ok(minors.length >= 3, `at least three minors: ${minors}`);
  for (const summary of summaries) {
    assert.ok(Number(summary.match(/checked (\d+) objects/)[1]) > 200, summary);
    // Custom resources have no model there: our CRD schemas and kubernetes-models' packages validate those above.
    const custom = summary.match(/left to their CRDs: \[(.*)\]$/)[1].split(', ').filter(Boolean);
    assert.deepEqual(custom.filter((k) => !/^(keda\.sh|monitoring\.coreos\.com|cert-manager\.io)\//.test(k)), [], summary);
  }
});

await check('the models check refuses, per Kubernetes minor, unknown and missing fields, wrong types and apiVersions a minor does not serve', () => {
  const controller = find(render([]), 'StatefulSet');
  const named = (name, edit) => {
    const o = structuredClone(controller);
    o.metadata.name = name;
    edit(o.spec.template.spec);
    return o;
  };
  const budget = { metadata: { name: 'budget' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'tide' } } } };
  const autoscaler = { metadata: { name: 'autoscaler' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 2 } };
  const wrong = [
    named('typo', (pod) => { pod.containers[0].imagePullPolice = 'Always'; }),
    { ...named('two', () => {}), spec: { ...controller.spec, replicas: 'two' } },
    named('nameless', (pod) => { delete pod.containers[0].name; }),
    named('sidecar', (pod) => { pod.initContainers = [{ name: 'sidecar', image: 'busybox', restartPolicy: 'Always' }]; }),
    { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', ...budget },
    { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', ...autoscaler },
  ];
  const { problems, minors } = checkModels(wrong);
  const refusedBy = (pattern) => minors.filter((m) => problems.some((p) => p.startsWith(`Kubernetes ${m}: `) && pattern.test(p)));
  const newerThan = (minor) => minors.filter((m) => Number(m.split('.')[1]) > Number(minor.split('.')[1]));
  assert.deepEqual(refusedBy(/StatefulSet typo: unknown field spec\.template\.spec\.containers\[0\]\.imagePullPolice$/), minors, problems.join('\n'));
  assert.deepEqual(refusedBy(/StatefulSet two: expected a 32-bit integer, not a string at spec\.replicas$/), minors);
  assert.deepEqual(refusedBy(/StatefulSet nameless: missing required field spec\.template\.spec\.containers\[0\]\.name$/), minors);
  // Sidecars (restartPolicy on an init container) came with 1.28; policy/v1beta1 went with 1.25, autoscaling/v2beta2 with 1.26.
  assert.deepEqual(refusedBy(/StatefulSet sidecar: unknown field spec\.template\.spec\.initContainers\[0\]\.restartPolicy$/), ['1.25', '1.27']);
  assert.deepEqual(refusedBy(/PodDisruptionBudget budget: policy\/v1beta1 PodDisruptionBudget is not served/), minors);
  assert.deepEqual(refusedBy(/HorizontalPodAutoscaler autoscaler: autoscaling\/v2beta2 HorizontalPodAutoscaler is not served/), newerThan('1.25'));
  assert.equal(problems.length, 4 * minors.length + 2 + newerThan('1.25').length, `nothing else is reported:\n${problems.join('\n')}`);
});

await check('NOTES.txt renders the checks to run and the namespaces Tide is limited to', () => {
  const output = run(HELM, ['install', 'tide', CHART, '--namespace', NAMESPACE, '--dry-run=client', '-f', valueFile('restricted.yaml')]);
  const notes = output.slice(output.indexOf('NOTES:'));
  assert.match(notes, /kubectl get apiservice v1beta1\.external\.metrics\.k8s\.io/);
  assert.match(notes, /kubectl get validatingwebhookconfiguration tide-admission/);
  assert.match(notes, /reconciled: shop, billing/);
  assert.match(notes, new RegExp(`read only in: shop, ${NAMESPACE}`));
});

await check('values.schema.json rejects a bad value', () => {
  assert.throws(() => render([], ['--set', 'certificates.mode=selfSigned']), /certificates\/mode/);
  assert.throws(() => render([], ['--set', 'rbac.scaledRefKinds[0].kind=Deployment']), /scaledRefKinds/);
  assert.throws(() => render([], ['--set', 'webhooks.failurePolicy=Reject']), /webhooks\/failurePolicy/);
  assert.throws(() => render([], ['--set', 'webhooks.timeoutSeconds=31']), /webhooks\/timeoutSeconds/);
  assert.throws(() => render([], ['--set', 'webhooks.port=8443']), /webhooks\.port must differ/);
  assert.throws(() => render([], ['--set', 'logging.format=xml']), /logging\/format/);
  assert.throws(() => render([], ['--set', 'controller.dnsPolicy=Cluster']), /controller\/dnsPolicy/);
  assert.throws(() => render([], ['--set', 'podIdentity.aws.irsa.roleArn=tide-role']), /roleArn/);
  assert.throws(() => render([], ['--set', 'networkPolicy.flavor=cilium']), /networkPolicy/);
  assert.throws(() => render([], ['--set', 'crds.install=yes']), /crds\/install/);
  assert.throws(() => render([], ['--set', 'controller.sharding=on']), /controller\/sharding/);
  assert.throws(() => render([], ['--set', 'certificates.helm.renewBeforeDays=-1']), /renewBeforeDays/);
});

await check('every value is documented in the chart README', () => {
  const readme = readFileSync(path.join(CHART, 'README.md'), 'utf8');
  const values = parseYaml(readFileSync(path.join(CHART, 'values.yaml'), 'utf8'));
  const missing = [];
  const walk = (node, prefix) => {
    for (const [key, value] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (readme.includes(`\`${name}\``)) continue;
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length) walk(value, name);
      else missing.push(name);
    }
  };
  walk(values, '');
  assert.deepEqual(missing, []);
});

await check("every webhook path is one the controller's WebhookServer serves", () => {
  const source = readFileSync(path.join(ROOT, 'controller-service/src/main/java/dev/tide/controller/admission/WebhookServer.java'), 'utf8');
  const served = source.match(/PATHS = List\.of\(([^;]*)\);/)[1].match(/"[^"]+"/g).map((p) => JSON.parse(p));
  assert.deepEqual(KEDA_WEBHOOKS.map(([, webhookPath]) => webhookPath).filter((p) => !served.includes(p)), [], `WebhookServer.PATHS: ${served}`);
});

await check('the Kubernetes schemas reject a broken ValidatingWebhookConfiguration', async () => {
  const configuration = structuredClone(find(render([]), 'ValidatingWebhookConfiguration'));
  delete configuration.webhooks[0].sideEffects;
  configuration.webhooks[1].timeoutSeconds = 'ten';
  await assert.rejects(validateObjects([configuration]), /webhooks\/0 must have required property sideEffects[^]*webhooks\/1\/timeoutSeconds must be integer/);
});

await check('our CRDs are valid CustomResourceDefinitions', () => validateObjects(crds));

const examples = ['examples', 'helm'].flatMap(function walk(dir) {
  return readdirSync(path.join(ROOT, dir)).flatMap((f) => {
    const file = path.join(dir, f);
    if (statSync(path.join(ROOT, file)).isDirectory()) return f === 'target' || f === 'templates' ? [] : walk(file);
    return /\.ya?ml$/.test(f) ? [file] : [];
  });
});
const customResources = examples.flatMap((f) => readYamlDocuments(path.join(ROOT, f))).filter((o) => o.apiVersion === 'keda.sh/v1alpha1');

await check(`example custom resources match our CRD schemas (${customResources.length} objects)`, async () => {
  assert.ok(customResources.length >= 5, 'examples hold custom resources');
  await validateObjects(customResources, validators);
});

await check('our CRD schemas reject a broken ScaledObject', async () => {
  const broken = structuredClone(customResources.find((o) => o.kind === 'ScaledObject'));
  broken.spec.minReplicaCount = 'two';
  await assert.rejects(validateObjects([broken], validators), /minReplicaCount/);
});

report('chart checks');
