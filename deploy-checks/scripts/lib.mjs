// Shared helpers of the deployment checks: paths, the tools installed in .tools/, YAML parsing and a tiny
// reporter that runs every check, prints each result and fails the process at the end if any failed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MODULE = path.join(ROOT, 'deploy-checks');
export const CHART = path.join(ROOT, 'helm/tide');
export const TOOLS = path.join(ROOT, '.tools');
export const HELM = path.join(TOOLS, 'bin/helm');
export const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin/java') : 'java';

export function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, cwd: ROOT,
      // helm keeps caches and its config under HOME; keep them inside .tools.
      env: { ...process.env, HELM_CACHE_HOME: path.join(TOOLS, 'helm/cache'), HELM_CONFIG_HOME: path.join(TOOLS, 'helm/config'),
             HELM_DATA_HOME: path.join(TOOLS, 'helm/data') },
      ...options,
    });
  } catch (e) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${e.status}):\n${e.stderr || ''}${e.stdout || ''}`);
  }
}

/** Every non-empty document of a multi-document YAML string. */
export function parseYamlDocuments(text, source) {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  }).filter((d) => d != null);
}

export const readYamlDocuments = (file) => parseYamlDocuments(readFileSync(file, 'utf8'), path.relative(ROOT, file));

const results = [];

/** Runs one named check; a failure is recorded and reported, and the remaining checks still run. */
export async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ok    ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  FAIL  ${name}\n${String(e.stack || e).replace(/^/gm, '        ')}`);
  }
}

export function report(title) {
  const failed = results.filter((r) => !r.ok);
  console.log(`${title}: ${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) process.exit(1);
}
