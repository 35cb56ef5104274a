// Writes tests/fixtures/n8n/node-types.json: the node types, type versions, credential types and
// parameter names (with the values of option lists) of the n8n release Flowgate exports to and
// imports from. The source is n8n's own published node descriptions (`dist/types/nodes.json` in the
// npm packages `n8n-nodes-base` and `@n8n/n8n-nodes-langchain`), read from their tarballs and never
// installed. The tests check every exported and every fixture n8n workflow against this file.
//
// Run: npx tsx scripts/n8n-node-types.ts [BASE.tgz LANGCHAIN.tgz]
// Without tarballs it runs `npm pack` for the pinned versions in a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGES = [
  { name: 'n8n-nodes-base', version: '1.121.53', prefix: 'n8n-nodes-base.' },
  { name: '@n8n/n8n-nodes-langchain', version: '1.122.57', prefix: '@n8n/n8n-nodes-langchain.' },
] as const;

export const FIXTURE_FILE = fileURLToPath(new URL('../tests/fixtures/n8n/node-types.json', import.meta.url));

/** One parameter: its type, the values an option list allows, and the parameters nested in it. */
export interface ParamInfo {
  type: string;
  options?: (string | number | boolean)[];
  /** The defaults an option list has (one per resource or version that lists it): n8n leaves a default out of saved files. */
  defaults?: (string | number | boolean)[];
  children?: Record<string, ParamInfo>;
}

/** One description of a node type, which covers one or more type versions. */
export interface NodeTypeInfo {
  versions: number[];
  credentials: string[];
  params: Record<string, ParamInfo>;
}

export interface NodeTypesFixture {
  source: string;
  packages: Record<string, string>;
  nodes: Record<string, NodeTypeInfo[]>;
}

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
// Display-only properties carry no value in a workflow file.
const DISPLAY_ONLY = new Set(['notice', 'callout', 'button']);

/** Folds a description's property list into name → info; a name listed several times (per resource, per version) is merged. */
function collectParams(properties: unknown, into: Record<string, ParamInfo> = {}): Record<string, ParamInfo> {
  for (const prop of list(properties)) {
    if (!isObject(prop) || typeof prop.name !== 'string' || DISPLAY_ONLY.has(String(prop.type))) continue;
    const type = typeof prop.type === 'string' ? prop.type : 'unknown';
    const info = (into[prop.name] ??= { type });
    if (type === 'options' || type === 'multiOptions') {
      const values = list(prop.options)
        .filter(isObject)
        .map((o) => o.value)
        .filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
      info.options = [...new Set([...(info.options ?? []), ...values])];
      if (['string', 'number', 'boolean'].includes(typeof prop.default)) info.defaults = [...new Set([...(info.defaults ?? []), prop.default as string | number | boolean])];
    } else if (type === 'collection') {
      info.children = collectParams(prop.options, info.children ?? {});
    } else if (type === 'fixedCollection') {
      info.children ??= {};
      for (const group of list(prop.options)) {
        if (!isObject(group) || typeof group.name !== 'string') continue;
        const g = (info.children[group.name] ??= { type: 'group', children: {} });
        g.children = collectParams(group.values, g.children ?? {});
      }
    }
  }
  return into;
}

function versionsOf(desc: Raw): number[] {
  const v = desc.version;
  return (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === 'number');
}

function credentialsOf(desc: Raw): string[] {
  return list(desc.credentials)
    .filter(isObject)
    .map((c) => c.name)
    .filter((n): n is string => typeof n === 'string');
}

/**
 * n8n derives a `…Tool` variant at start-up for every description marked `usableAsTool` (its
 * `convertNodeToAiTool`): same versions and parameters, plus `toolDescription`, and `descriptionType`
 * when the node has a resource or an operation. Agents' tools in workflow files use these types.
 */
function toolVariant(desc: Raw): Raw {
  const replaced = isObject(desc.usableAsTool) && isObject(desc.usableAsTool.replacements) ? { ...desc, ...desc.usableAsTool.replacements } : desc;
  const props = list(replaced.properties);
  const names = new Set(props.filter(isObject).map((p) => p.name));
  const extra: Raw[] = [];
  if (!names.has('toolDescription')) {
    extra.push({ name: 'toolDescription', type: 'string' });
    if (names.has('resource') || names.has('operation')) extra.push({ name: 'descriptionType', type: 'options', options: [{ value: 'auto' }, { value: 'manual' }] });
  }
  return { ...replaced, name: `${String(replaced.name)}Tool`, properties: [...props, ...extra] };
}

export function buildFixture(descriptionsByPackage: { prefix: string; descriptions: unknown[] }[], packages: Record<string, string>): NodeTypesFixture {
  const nodes: Record<string, NodeTypeInfo[]> = {};
  const add = (prefix: string, desc: Raw) => {
    if (typeof desc.name !== 'string') return;
    const type = desc.name.startsWith(prefix) ? desc.name : `${prefix}${desc.name}`;
    (nodes[type] ??= []).push({ versions: versionsOf(desc), credentials: credentialsOf(desc), params: collectParams(desc.properties) });
  };
  for (const { prefix, descriptions } of descriptionsByPackage) {
    for (const desc of descriptions.filter(isObject)) {
      add(prefix, desc);
      if (desc.usableAsTool) add(prefix, toolVariant(desc));
    }
  }
  const sorted: Record<string, NodeTypeInfo[]> = {};
  for (const key of Object.keys(nodes).sort()) sorted[key] = nodes[key].sort((a, b) => Math.min(...a.versions) - Math.min(...b.versions));
  return { source: 'dist/types/nodes.json of the npm packages named in "packages", by scripts/n8n-node-types.ts', packages, nodes: sorted };
}

function readNodesJson(tarball: string): unknown[] {
  const text = execFileSync('tar', ['-xzOf', tarball, 'package/dist/types/nodes.json'], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`${tarball}: dist/types/nodes.json is not a list of node descriptions`);
  return parsed;
}

function npmPack(spec: string, dir: string): string {
  const before = new Set(readdirSync(dir));
  execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const made = readdirSync(dir).find((f) => f.endsWith('.tgz') && !before.has(f));
  if (!made) throw new Error(`npm pack ${spec} wrote no tarball`);
  return join(dir, made);
}

function main(args: string[]): void {
  let tarballs = args;
  let temp: string | undefined;
  if (tarballs.length === 0) {
    temp = mkdtempSync(join(tmpdir(), 'flowgate-n8n-'));
    tarballs = PACKAGES.map((p) => npmPack(`${p.name}@${p.version}`, temp!));
  } else if (tarballs.length !== PACKAGES.length) {
    throw new Error(`Give no tarball or ${PACKAGES.length}: ${PACKAGES.map((p) => `${p.name}@${p.version}`).join(' and ')}, in that order.`);
  }
  try {
    const fixture = buildFixture(
      PACKAGES.map((p, i) => ({ prefix: p.prefix, descriptions: readNodesJson(tarballs[i]) })),
      Object.fromEntries(PACKAGES.map((p) => [p.name, p.version])),
    );
    writeFileSync(FIXTURE_FILE, `${JSON.stringify(fixture)}\n`);
    process.stdout.write(`Wrote ${FIXTURE_FILE}: ${Object.keys(fixture.nodes).length} node types.\n`);
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
