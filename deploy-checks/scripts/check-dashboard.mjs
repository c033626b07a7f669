// Checks the Grafana dashboard: valid against a JSON Schema generated from @grafana/schema's Dashboard type
// (cached in .tools/), laid out without overlaps, KEDA's panels present, every query valid PromQL (promtool).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvModule from 'ajv';
import { stringify } from 'yaml';
import { CHART, MODULE, TOOLS, check, report, run } from './lib.mjs';

const Ajv = AjvModule.default ?? AjvModule;
const require = createRequire(import.meta.url);
const DASHBOARD = path.join(CHART, 'dashboards/tide.json');
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));

function dashboardSchema() {
  const version = require('@grafana/schema/package.json').version;
  const cached = path.join(TOOLS, 'deploy-checks', `grafana-dashboard-${version}.schema.json`);
  if (!existsSync(cached)) {
    const types = path.join(path.dirname(require.resolve('@grafana/schema/package.json')), 'dist/types/raw/dashboard/x/types.gen.d.ts');
    mkdirSync(path.dirname(cached), { recursive: true });
    // --additional-properties: Grafana exports carry keys the type does not declare (__inputs, __requires).
    run(process.execPath, [path.join(MODULE, 'node_modules/ts-json-schema-generator/bin/ts-json-schema-generator.js'),
      '--path', types, '--type', 'Dashboard', '--no-type-check', '--additional-properties', '-o', cached]);
  }
  return JSON.parse(readFileSync(cached, 'utf8'));
}

const panels = dashboard.panels;
const queryPanels = panels.filter((p) => p.type !== 'row');

let validate;
await check('dashboard matches the schema generated from @grafana/schema', () => {
  validate = new Ajv({ allErrors: true, strict: false }).compile(dashboardSchema());
  assert.ok(validate(dashboard), JSON.stringify(validate.errors, null, 2));
});

await check('the schema rejects a broken dashboard', () => {
  const broken = structuredClone(dashboard);
  broken.panels[1].gridPos.h = 'tall';
  delete broken.time.to;
  assert.equal(validate(broken), false);
  assert.match(JSON.stringify(validate.errors), /gridPos\/h.*must be number/);
});

await check('panels have unique ids and do not overlap', () => {
  assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, 'unique ids');
  const cells = new Map();
  for (const { id, gridPos: { x, y, w, h } } of panels) {
    assert.ok(x >= 0 && x + w <= 24, `panel ${id} fits the 24 columns`);
    for (let row = y; row < y + h; row++) {
      for (let col = x; col < x + w; col++) {
        const key = `${row}:${col}`;
        assert.ok(!cells.has(key), `panels ${cells.get(key)} and ${id} overlap at row ${row}, column ${col}`);
        cells.set(key, id);
      }
    }
  }
});

await check("KEDA's panels and Tide's additions are present", () => {
  const titles = queryPanels.map((p) => p.title);
  for (const title of ['Scaler Total Errors', 'Scaler Errors', 'Scaled Object Errors', 'Scaler Metric Value',
    'Current/max replicas (time based)', 'Changes in replicas', 'Current/max replicas',
    'Scale loop lag', 'Event source latency', 'Fallback active', 'Paused', 'Activations', 'Scaled Job queue', 'Running jobs',
    'Scaled Job Errors', 'Job loop latency']) {
    assert.ok(titles.includes(title), `panel "${title}"`);
  }
  const variables = dashboard.templating.list.map((v) => v.name);
  assert.deepEqual(variables, ['datasource', 'namespace', 'scaledObject', 'scaler', 'metric'], "KEDA's variables");
  for (const p of queryPanels) {
    assert.equal(p.datasource.uid, '${datasource}', `panel "${p.title}" uses the datasource variable`);
    assert.ok(p.targets.length && p.targets.every((t) => t.expr && t.datasource?.uid === '${datasource}'), `panel "${p.title}" queries`);
  }
});

await check('every dashboard query is valid PromQL (promtool check rules)', () => {
  const expressions = queryPanels.flatMap((p) => p.targets.map((t) => t.expr))
    .concat(dashboard.templating.list.filter((v) => v.type === 'query').map((v) => v.definition.replace(/^label_values\((.*), *\w+\)$/, '$1')));
  // Grafana fills the variables in before Prometheus sees the query.
  const concrete = expressions.map((e) => e.replace(/\$\{?(namespace|scaledObject|scaler|metric)\}?/g, '.*').replace(/\$__rate_interval/g, '5m'));
  const dir = mkdtempSync(path.join(tmpdir(), 'tide-dashboard-'));
  try {
    const file = path.join(dir, 'queries.yaml');
    writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules: concrete.map((expr, i) => ({ record: `dashboard:query${i}`, expr })) }] }));
    run('promtool', ['check', 'rules', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

report('dashboard checks');
