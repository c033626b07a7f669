// Checks the alert rules (promtool check rules, and promtool test rules against their unit tests) and the
// local stack's Prometheus configuration.
import path from 'node:path';
import { CHART, MODULE, ROOT, check, report, run } from './lib.mjs';

const RULES = path.join(CHART, 'rules/tide-alerts.yaml');

await check('alert rules are valid (promtool check rules)', () => run('promtool', ['check', 'rules', RULES]));
await check('alert rules fire as their unit tests expect (promtool test rules)', () =>
  run('promtool', ['test', 'rules', path.join(MODULE, 'prometheus/tide-alerts-test.yaml')]));
await check("the local stack's Prometheus configuration is valid (promtool check config)", () =>
  run('promtool', ['check', 'config', path.join(ROOT, 'deploy/compose/prometheus/prometheus.yml')]));

report('prometheus checks');
