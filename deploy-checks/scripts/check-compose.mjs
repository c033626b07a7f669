// Checks docker-compose.yml with Debian's docker-compose 1.29 (no engine needed), and that every file it
// mounts or builds from exists, with the dashboard and alert rules taken from the chart rather than copied.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CHART, ROOT, check, readYamlDocuments, report, run } from './lib.mjs';
import { validateObjects } from './validate-k8s.mjs';

const COMPOSE = path.join(ROOT, 'docker-compose.yml');
let config;

// Compose 1.29 prints volumes in the short syntax, "source:target[:mode]"; bind mounts have absolute sources.
const mounts = (service) => (service.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0] : v.source));
const bindMounts = (service) => mounts(service).filter((source) => path.isAbsolute(source));

await check('docker-compose.yml is valid (docker-compose config -q)', () => {
  run('docker-compose', ['-f', COMPOSE, 'config', '-q']);
  config = parse(run('docker-compose', ['-f', COMPOSE, 'config']));
});

await check('every bind mount and Dockerfile of the stack exists', () => {
  const missing = [];
  for (const [name, service] of Object.entries(config.services)) {
    for (const source of bindMounts(service)) {
      if (!existsSync(source)) missing.push(`${name}: ${source}`);
    }
    if (service.build) {
      const dockerfile = path.resolve(service.build.context, service.build.dockerfile ?? 'Dockerfile');
      if (!existsSync(dockerfile)) missing.push(`${name}: ${dockerfile}`);
    }
  }
  assert.deepEqual(missing, []);
});

await check('Grafana and Prometheus read the chart dashboard and rules, not copies', () => {
  const sources = (service) => bindMounts(config.services[service]);
  assert.ok(sources('grafana').includes(path.join(CHART, 'dashboards')), 'Grafana mounts helm/tide/dashboards');
  assert.ok(sources('prometheus').includes(path.join(CHART, 'rules')), 'Prometheus mounts helm/tide/rules');
  const k3sManifests = sources('k3s').filter((s) => s.includes('/crds/'));
  assert.equal(k3sManifests.length, 3, 'k3s applies the chart CRDs');
});

await check('the stack runs k3s, Kafka, Azurite, both services, Prometheus, Grafana and the queue worker', () => {
  for (const service of ['k3s', 'kafka', 'azurite', 'controller', 'metrics-service', 'prometheus', 'grafana', 'queue-worker']) {
    assert.ok(config.services[service], service);
  }
});

await check('the objects k3s applies at start are valid Kubernetes objects', async () => {
  const objects = readYamlDocuments(path.join(ROOT, 'deploy/compose/k3s/tide.yaml'));
  await validateObjects(objects);
  const apiService = objects.find((o) => o.kind === 'APIService');
  const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === apiService.spec.service.name);
  assert.equal(service?.spec.externalName, 'metrics-service', 'the APIService reaches the compose metrics-service container');
  assert.ok(service.spec.ports.some((p) => p.port === apiService.spec.service.port), 'on a port the Service declares');
});

report('compose checks');
