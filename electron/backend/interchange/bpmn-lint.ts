// Camunda's own check of an exported BPMN: parsed with bpmn-moddle + zeebe-bpmn-moddle (any warning
// means the XML is not what Camunda Modeler would read), then linted with bpmnlint 11 and
// bpmnlint-plugin-camunda-compat's rules for the chosen Camunda version — the rules Camunda Modeler
// and Web Modeler show. The linter's rules are resolved here, from this module's own location, so
// the check works whatever folder Flowgate runs in.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const load = createRequire(import.meta.url);

interface LintReport {
  id?: string;
  message: string;
  category: string;
  path?: (string | number)[];
}
interface LinterInstance {
  lint(root: unknown, config?: unknown): Promise<Record<string, LintReport[]>>;
}
interface Plugin {
  rules: Record<string, string>;
  configs: Record<string, { rules: Record<string, unknown> }>;
}

const { Linter } = load('bpmnlint') as { Linter: new (options: { resolver: unknown }) => LinterInstance };
const plugin = load('bpmnlint-plugin-camunda-compat') as Plugin;
const pluginRequire = createRequire(load.resolve('bpmnlint-plugin-camunda-compat'));
const zeebe = load('zeebe-bpmn-moddle/resources/zeebe.json') as object;
const BPMNLINT_VERSION = (load('bpmnlint/package.json') as { version: string }).version;
const PLUGIN_VERSION = (load('bpmnlint-plugin-camunda-compat/package.json') as { version: string }).version;

const PLUGIN = 'bpmnlint-plugin-camunda-compat';

/** Finds rules and configs in the two packages, without looking at the current folder. */
const resolver = {
  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === 'bpmnlint') return load(`bpmnlint/rules/${ruleName}`);
    if (pkg === PLUGIN && plugin.rules[ruleName]) {
      const target = plugin.rules[ruleName];
      return target.startsWith('.') ? pluginRequire(target) : load(`bpmnlint/rules/${target.replace(/^bpmnlint\//, '')}`);
    }
    throw new Error(`The BPMN check has no rule "${ruleName}" in ${pkg}.`);
  },
  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg === PLUGIN && plugin.configs[configName]) return plugin.configs[configName];
    throw new Error(`The BPMN check has no configuration "${configName}" in ${pkg}.`);
  },
};

const linter = new Linter({ resolver });

export interface LintMessage {
  /** The rule that reports it ("camunda-compat/feel"), or "moddle" for a parse warning. */
  rule: string;
  /** The BPMN element it is about, when there is one. */
  elementId?: string;
  message: string;
}

export interface BpmnCheck {
  /** What checked it, for the user: "bpmnlint 11.15.0 with bpmnlint-plugin-camunda-compat 2.61.0 (Camunda 8.8)". */
  tool: string;
  errors: LintMessage[];
  warnings: LintMessage[];
}

/** The config name of a Camunda version: "8.8" → "camunda-cloud-8-8". */
export function configFor(version: string): string {
  const name = `camunda-cloud-${version.replace('.', '-')}`;
  if (!plugin.configs[name]) throw new Error(`The BPMN check knows no rules for Camunda ${version}.`);
  return name;
}

/** Parses BPMN XML with Camunda's moddle extensions; the root and the parse warnings. */
export async function parseBpmn(xml: string): Promise<{ root: unknown; warnings: string[] }> {
  const moddle = new BpmnModdle({ zeebe });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  return { root: rootElement, warnings: warnings.map((w: { message: string }) => w.message) };
}

/**
 * The last few checks, by version and the XML's hash: the app's dialog previews an export and then
 * writes the same one, and linting a large process takes seconds.
 */
const recent = new Map<string, Promise<BpmnCheck>>();
const RECENT_CHECKS = 4;

/** Parses and lints an exported BPMN for a Camunda version (8.6, 8.7, 8.8). Never throws on bad XML: that is an error in the result. */
export function checkBpmn(xml: string, version: string): Promise<BpmnCheck> {
  const key = `${version}:${createHash('sha256').update(xml).digest('hex')}`;
  let check = recent.get(key);
  if (!check) {
    check = runCheck(xml, version);
    recent.set(key, check);
    // A failed check is not kept: the next call tries again.
    check.catch(() => recent.delete(key));
    if (recent.size > RECENT_CHECKS) recent.delete(recent.keys().next().value!);
  }
  return check;
}

async function runCheck(xml: string, version: string): Promise<BpmnCheck> {
  const config = configFor(version);
  const tool = `bpmnlint ${BPMNLINT_VERSION} with bpmnlint-plugin-camunda-compat ${PLUGIN_VERSION} (Camunda ${version})`;
  let parsed: { root: unknown; warnings: string[] };
  try {
    parsed = await parseBpmn(xml);
  } catch (e) {
    return { tool, errors: [{ rule: 'moddle', message: `The BPMN cannot be read: ${e instanceof Error ? e.message : String(e)}` }], warnings: [] };
  }
  const errors: LintMessage[] = parsed.warnings.map((message) => ({ rule: 'moddle', message: `The BPMN does not read cleanly: ${message}` }));
  const warnings: LintMessage[] = [];
  const results = await linter.lint(parsed.root, { extends: `plugin:camunda-compat/${config}` });
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      const message: LintMessage = { rule, ...(r.id ? { elementId: r.id } : {}), message: r.message };
      if (r.category === 'error' || r.category === 'rule-error') errors.push(message);
      else warnings.push(message);
    }
  }
  return { tool, errors, warnings };
}
