// Validates Kubernetes objects against the OpenAPI schemas of kubernetes-models (built-in kinds), its
// prometheus-operator and cert-manager packages, and our own CRDs (custom resources, with ajv).
import AjvModule from 'ajv';

const Ajv = AjvModule.default ?? AjvModule;

const MODULES = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'cert-manager.io': '@kubernetes-models/cert-manager',
};

async function modelClass(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = !group ? `kubernetes-models/${version}`
    : MODULES[group] ? `${MODULES[group]}/${group}/${version}` : `kubernetes-models/${group}/${version}`;
  let exports;
  try {
    exports = await import(module);
  } catch {
    return undefined;
  }
  return exports[kind];
}

export const describe = (o) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`;

/** Compiles a validator for each kind and served version of the given CRDs. */
export function crdValidators(crds) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map();
  for (const crd of crds) {
    for (const version of crd.spec.versions) {
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(version.schema.openAPIV3Schema));
    }
  }
  return validators;
}

/** Throws one error listing every object that does not match its schema, or whose kind has none. */
export async function validateObjects(objects, customValidators = new Map()) {
  const problems = [];
  for (const object of objects) {
    const custom = customValidators.get(`${object.apiVersion}/${object.kind}`);
    if (custom) {
      if (!custom(object)) problems.push(`${describe(object)}: ${custom.errors.map((e) => `${e.instancePath} ${e.message}`).join(', ')}`);
      continue;
    }
    const Model = await modelClass(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${describe(object)}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(`${describe(object)}: ${e.message}`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
}
