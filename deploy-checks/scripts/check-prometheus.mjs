// Checks the alert rules (promtool check rules, and promtool test rules against their unit tests) and the
// local stack's Prometheus configuration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CHART, MODULE, ROOT, check, report, run } from './lib.mjs';

const RULES = path.join(CHART, 'rules/tide-alerts.yaml');
const TESTS = path.join(MODULE, 'prometheus/tide-alerts-test.yaml');

await check('alert rules are valid (promtool check rules)', () => run('promtool', ['check', 'rules', RULES]));
await check('alert rules fire as their unit tests expect (promtool test rules)', () =>
  run('promtool', ['test', 'rules', TESTS]));
// The first group is the healthy scrape sandbox's SandboxSeriesIT captured (it keeps the group current).
await check('every alert fires in a test and stays silent on the captured healthy scrape', () => {
  const alerts = parseYaml(readFileSync(RULES, 'utf8')).groups.flatMap((g) => g.rules).filter((r) => r.alert).map((r) => r.alert);
  const [healthy, ...others] = parseYaml(readFileSync(TESTS, 'utf8')).tests;
  if (!healthy.name.startsWith('the healthy scrape')) throw new Error(`the first test group is not the captured healthy scrape: ${healthy.name}`);
  const silent = new Set(healthy.alert_rule_test.filter((t) => t.exp_alerts.length === 0).map((t) => t.alertname));
  const fires = new Set(others.flatMap((g) => g.alert_rule_test).filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname));
  const missing = alerts.flatMap((a) => [silent.has(a) ? [] : [`${a}: not silent on the healthy scrape`], fires.has(a) ? [] : [`${a}: no test fires it`]].flat());
  if (missing.length > 0) throw new Error(missing.join('\n'));
});
await check("the local stack's Prometheus configuration is valid (promtool check config)", () =>
  run('promtool', ['check', 'config', path.join(ROOT, 'deploy/compose/prometheus/prometheus.yml')]));

report('prometheus checks');
