// Checks n8n workflow JSON against n8n's own node descriptions of the pinned release
// (tests/fixtures/n8n/node-types.json, written by scripts/n8n-node-types.ts): every node type at its
// type version, every parameter name (nested ones too), option values, credential types, connections.
import { readFileSync } from 'node:fs';
import type { NodeTypeInfo, NodeTypesFixture, ParamInfo } from '../../../scripts/n8n-node-types';

export const NODE_TYPES: NodeTypesFixture = JSON.parse(readFileSync(new URL('../../fixtures/n8n/node-types.json', import.meta.url), 'utf8'));

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function describe(type: string, version: number): NodeTypeInfo | undefined {
  return NODE_TYPES.nodes[type]?.find((d) => d.versions.includes(version));
}

function checkParams(where: string, value: Record<string, unknown>, params: Record<string, ParamInfo>, problems: string[]): void {
  for (const [name, v] of Object.entries(value)) {
    const info = params[name];
    if (!info) {
      problems.push(`${where}: no parameter "${name}"`);
      continue;
    }
    const at = `${where}.${name}`;
    if ((info.type === 'options' || info.type === 'multiOptions') && info.options?.length) {
      for (const one of Array.isArray(v) ? v : [v]) {
        if (typeof one === 'string' && one.startsWith('=')) continue; // an expression
        if (!info.options.includes(one as never)) problems.push(`${at}: ${JSON.stringify(one)} is not one of ${JSON.stringify(info.options)}`);
      }
    } else if (info.type === 'collection' && isObject(v)) {
      checkParams(at, v, info.children ?? {}, problems);
    } else if (info.type === 'fixedCollection' && isObject(v)) {
      for (const [group, entries] of Object.entries(v)) {
        const g = info.children?.[group];
        if (!g) {
          problems.push(`${at}: no group "${group}"`);
          continue;
        }
        for (const entry of Array.isArray(entries) ? entries : [entries]) if (isObject(entry)) checkParams(`${at}.${group}`, entry, g.children ?? {}, problems);
      }
    }
  }
}

/** Every way the workflow departs from what the pinned n8n release describes; empty when it matches. */
const OWN_PACKAGES = /^(n8n-nodes-base|@n8n\/n8n-nodes-langchain)\./;

/**
 * Every way the workflow departs from what the pinned n8n release describes; empty when it matches.
 * `communityNodes`: nodes of other packages (community nodes) are allowed; their parameters are not checked.
 */
export function n8nProblems(wf: { nodes?: unknown; connections?: unknown; settings?: unknown }, { communityNodes = false } = {}): string[] {
  const problems: string[] = [];
  const nodes = Array.isArray(wf.nodes) ? wf.nodes : [];
  const names = new Set<string>();
  const ids = new Set<string>();
  for (const raw of nodes) {
    const node = raw as { id: string; name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: Record<string, unknown> };
    if (names.has(node.name)) problems.push(`two nodes are called "${node.name}"`);
    if (ids.has(node.id)) problems.push(`two nodes have the id "${node.id}"`);
    names.add(node.name);
    ids.add(node.id);
    if (!Array.isArray((raw as { position?: unknown }).position)) problems.push(`${node.name}: no position`);
    const desc = describe(node.type, node.typeVersion);
    if (!desc && communityNodes && !OWN_PACKAGES.test(node.type)) continue;
    if (!desc) {
      problems.push(`${node.name}: ${node.type}@${node.typeVersion} is not in n8n ${Object.values(NODE_TYPES.packages).join(' / ')}`);
      continue;
    }
    checkParams(`${node.name} (${node.type})`, node.parameters ?? {}, desc.params, problems);
    for (const [credType, ref] of Object.entries(node.credentials ?? {})) {
      // HTTP Request signs with any app's credential (predefined) or a generic one (header, basic…).
      const viaHttp =
        (node.parameters?.authentication === 'predefinedCredentialType' && node.parameters?.nodeCredentialType === credType) ||
        (node.parameters?.authentication === 'genericCredentialType' && node.parameters?.genericAuthType === credType);
      if (!desc.credentials.includes(credType) && !viaHttp) problems.push(`${node.name}: ${node.type} takes no credential "${credType}"`);
      if (!isObject(ref) || Object.keys(ref).some((k) => k !== 'id' && k !== 'name')) problems.push(`${node.name}: credential "${credType}" holds more than an id and a name`);
    }
  }
  const connections = isObject(wf.connections) ? wf.connections : {};
  for (const [source, byType] of Object.entries(connections)) {
    if (!names.has(source)) problems.push(`a connection starts at "${source}", which is not a node`);
    for (const [type, outputs] of Object.entries(byType as Record<string, unknown>)) {
      for (const targets of Array.isArray(outputs) ? outputs : []) {
        for (const t of Array.isArray(targets) ? targets : []) {
          const target = t as { node: string; type: string; index: number };
          if (!names.has(target.node)) problems.push(`"${source}" connects to "${target.node}", which is not a node`);
          if (target.type !== type) problems.push(`"${source}" → "${target.node}": type ${target.type} listed under ${type}`);
        }
      }
    }
  }
  if (!isObject(wf.settings) || wf.settings.executionOrder !== 'v1') problems.push('settings.executionOrder is not "v1"');
  return problems;
}

/** Text that looks like a secret: API keys, bearer tokens, private keys, passwords. */
export const SECRET_PATTERNS: RegExp[] = [/sk-[A-Za-z0-9_-]{12,}/, /Bearer\s+[A-Za-z0-9._-]{12,}/i, /-----BEGIN [A-Z ]*PRIVATE KEY/, /"(password|apiKey|accessToken|clientSecret|secret)"\s*:\s*"[^"]+"/i, /xox[abp]-[A-Za-z0-9-]{10,}/];
