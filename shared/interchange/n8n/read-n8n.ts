// Recognises and checks n8n workflow files before they are converted: one workflow or an array of them
// (what n8n's "Download" and `n8n export:workflow` write). Hostile files are refused in plain words:
// too large, too deep, too many nodes, nodes without a name or type, two nodes with one name,
// connections missing or pointing at nodes that do not exist.
import { MAX_DEPTH, WorkflowLoadError, parseJson } from '../../model/load';
import type { N8nWorkflow } from './n8n-json';

/** More nodes than any hand-built automation has; past it the file is refused, not slowly converted. */
export const MAX_N8N_NODES = 5000;

export class N8nImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'N8nImportError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a parsed JSON value looks like an n8n workflow (or a list of them): nodes with n8n node types. */
export function looksLikeN8n(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (!isObject(first) || !Array.isArray(first.nodes) || 'format' in first) return false;
  return first.nodes.some((n) => isObject(n) && typeof n.type === 'string' && /^(@[\w-]+\/)?[\w-]+\.\w+/.test(n.type) && 'parameters' in n);
}

/** Whether a file's text is an n8n workflow; false for anything that does not parse. */
export function isN8nText(text: string): boolean {
  try {
    return looksLikeN8n(parseJson(text));
  } catch {
    return false;
  }
}

function checkOne(value: unknown, where: string): N8nWorkflow {
  if (!isObject(value) || !Array.isArray(value.nodes)) throw new N8nImportError(`${where}is not an n8n workflow: it has no list of nodes.`);
  if (value.nodes.length > MAX_N8N_NODES) throw new N8nImportError(`${where}has ${value.nodes.length} nodes; Flowgate imports n8n workflows of up to ${MAX_N8N_NODES} nodes.`);
  if (!isObject(value.connections)) throw new N8nImportError(`${where}has no "connections": the file is cut short or was not written by n8n, so how its nodes are linked is unknown.`);
  const names = new Set<string>();
  value.nodes.forEach((n, i) => {
    if (!isObject(n) || typeof n.name !== 'string' || !n.name.trim() || typeof n.type !== 'string') {
      throw new N8nImportError(`${where}node ${i + 1} has no name or no type.`);
    }
    if (names.has(n.name)) throw new N8nImportError(`${where}has two nodes called "${n.name}": n8n links nodes by name, so the links cannot be told apart. Rename one in n8n and export again.`);
    names.add(n.name);
  });
  for (const [source, byType] of Object.entries(value.connections)) {
    if (!names.has(source)) throw new N8nImportError(`${where}has a link from "${source}", but no node has that name.`);
    if (!isObject(byType)) throw new N8nImportError(`${where}has unreadable links from "${source}".`);
    for (const outputs of Object.values(byType)) {
      if (!Array.isArray(outputs)) throw new N8nImportError(`${where}has unreadable links from "${source}".`);
      for (const targets of outputs) {
        if (targets === null) continue;
        if (!Array.isArray(targets)) throw new N8nImportError(`${where}has unreadable links from "${source}".`);
        for (const t of targets) {
          if (!isObject(t) || typeof t.node !== 'string') throw new N8nImportError(`${where}has unreadable links from "${source}".`);
          if (!names.has(t.node)) throw new N8nImportError(`${where}links "${source}" to "${t.node}", but no node has that name.`);
        }
      }
    }
  }
  return value as N8nWorkflow;
}

/** Parses an n8n file's text into its workflows, or throws an N8nImportError that says what is wrong. */
export function readN8nText(text: string): N8nWorkflow[] {
  let value: unknown;
  try {
    value = parseJson(text, [], MAX_DEPTH);
  } catch (e) {
    throw new N8nImportError(e instanceof WorkflowLoadError ? `The file cannot be read: ${e.message}.` : String(e));
  }
  return readN8nValue(value);
}

export function readN8nValue(value: unknown): N8nWorkflow[] {
  if (Array.isArray(value)) {
    if (!value.length) throw new N8nImportError('The file holds an empty list: no workflow to import.');
    return value.map((w, i) => checkOne(w, value.length > 1 ? `Workflow ${i + 1} ` : 'The workflow '));
  }
  return [checkOne(value, 'The workflow ')];
}
