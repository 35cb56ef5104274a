// Turns untrusted text into a valid Workflow, or into an error that says what is wrong and where.
import type { z } from 'zod';
import { FORMAT, SCHEMA_VERSION, workflowSchema, type Workflow } from './schema';
import { fillApprovalShows } from './approval-shows';
import { migrate } from './migrations';
import { plainIssue } from './issue-text';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_DEPTH = 64;
/** Keys dropped wherever they appear, so no document or call can reach an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export class WorkflowLoadError extends Error {
  /** JSON path of the offending value, like `$.nodes[2].config.task`; `$` for the whole file. */
  readonly path: string;
  readonly code: 'too-large' | 'not-json' | 'too-deep' | 'not-workflow' | 'newer-version' | 'invalid';
  constructor(code: WorkflowLoadError['code'], path: string, message: string) {
    super(path === '$' ? message : `${path}: ${message}`);
    this.name = 'WorkflowLoadError';
    this.code = code;
    this.path = path;
  }
}

export interface LoadResult {
  workflow: Workflow;
  /** Things that were repaired on the way in (neutralised keys, migrations). */
  warnings: string[];
}

/** Formats a zod issue path as a JSON path: ['nodes', 2, 'config'] → `$.nodes[2].config`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

function depthOf(value: unknown, limit: number): number {
  // Iterative so that a hostile, very deep file cannot overflow the stack.
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

/** Whether `value` is nested more than `limit` levels deep (the value itself is level 1). */
export function depthExceeds(value: unknown, limit: number): boolean {
  return depthOf(value, limit) > limit;
}

/** Parses JSON text, dropping prototype-polluting keys. `maxDepth` is for wrappers around a document. */
export function parseJson(text: string, warnings: string[] = [], maxDepth = MAX_DEPTH): unknown {
  if (text.length > MAX_FILE_BYTES) {
    throw new WorkflowLoadError('too-large', '$', `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new WorkflowLoadError('not-json', '$', `not valid JSON: ${jsonSyntaxProblem(text, (e as Error).message)}`);
  }
  // JSON.parse itself copes with deep nesting, but a reviver recurses and overflows the stack, so the
  // depth is checked and the dangerous keys are removed by one iterative walk.
  checkDepthAndRemoveForbiddenKeys(value, maxDepth, warnings);
  return value;
}

/**
 * One walk over parsed JSON (a tree: JSON has no shared references): refuses a value nested more than
 * `limit` levels deep, counting the subtrees of removed keys too, and removes the forbidden keys,
 * with a warning for each (none for those inside a removed subtree).
 */
function checkDepthAndRemoveForbiddenKeys(root: unknown, limit: number, warnings: string[]): void {
  const values: unknown[] = [root];
  const depths: number[] = [1];
  /** 1 for a value inside a removed subtree: only its depth still counts. */
  const removed: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const d = depths.pop()!;
    const gone = removed.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) throw tooDeep(limit);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item === null || typeof item !== 'object') continue;
        values.push(item);
        depths.push(d + 1);
        removed.push(gone);
      }
      continue;
    }
    for (const key of Object.keys(v)) {
      const item = (v as Record<string, unknown>)[key];
      let inside = gone;
      if (!gone && FORBIDDEN_KEYS.has(key)) {
        delete (v as Record<string, unknown>)[key];
        warnings.push(`a key named "${key}" was removed`);
        inside = 1;
      }
      if (item === null || typeof item !== 'object') continue;
      values.push(item);
      depths.push(d + 1);
      removed.push(inside);
    }
  }
}

/** Turns V8's JSON.parse message into "line L, column C: unexpected …", without quoting the whole file back. */
export function jsonSyntaxProblem(text: string, message: string): string {
  if (!text.trim()) return 'the file is empty';
  const pos = /position (\d+)/.exec(message);
  const token = /Unexpected token '(.)'|Unexpected (end of JSON input|non-whitespace character|token)/.exec(message);
  const what = token?.[1] ? `unexpected "${token[1]}"` : token?.[2] === 'end of JSON input' ? 'the file ends too early' : 'unexpected text';
  let offset = pos ? Number(pos[1]) : token?.[1] ? text.indexOf(token[1]) : -1;
  if (token?.[2] === 'end of JSON input') offset = text.length;
  if (offset < 0) return what;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${what} at line ${line}, column ${column}`;
}

function firstIssue(error: z.ZodError, root: unknown): WorkflowLoadError {
  const { path, message } = plainIssue(error.issues[0], root);
  return new WorkflowLoadError('invalid', jsonPath(path), message);
}

/** Checks references that a schema cannot: unique ids (of nodes, edges, connections, notes) and edges between existing nodes. */
function checkReferences(wf: Workflow): void {
  const seen = new Map<string, number>();
  wf.nodes.forEach((n, i) => {
    if (seen.has(n.id)) throw new WorkflowLoadError('invalid', `$.nodes[${i}].id`, `duplicate node id "${n.id}"`);
    seen.set(n.id, i);
  });
  const edgeIds = new Set<string>();
  wf.edges.forEach((e, i) => {
    if (edgeIds.has(e.id)) throw new WorkflowLoadError('invalid', `$.edges[${i}].id`, `duplicate edge id "${e.id}"`);
    edgeIds.add(e.id);
    if (!seen.has(e.source)) throw new WorkflowLoadError('invalid', `$.edges[${i}].source`, `no node with id "${e.source}"`);
    if (!seen.has(e.target)) throw new WorkflowLoadError('invalid', `$.edges[${i}].target`, `no node with id "${e.target}"`);
  });
  const connIds = new Set<string>();
  wf.connections.forEach((c, i) => {
    if (connIds.has(c.id)) throw new WorkflowLoadError('invalid', `$.connections[${i}].id`, `duplicate connection id "${c.id}"`);
    connIds.add(c.id);
  });
  const noteIds = new Set<string>();
  wf.notes?.forEach((n, i) => {
    if (noteIds.has(n.id)) throw new WorkflowLoadError('invalid', `$.notes[${i}].id`, `duplicate note id "${n.id}"`);
    noteIds.add(n.id);
  });
}

function tooDeep(limit: number): WorkflowLoadError {
  return new WorkflowLoadError('too-deep', '$', `the document is nested more than ${limit} levels deep`);
}

/** Validates an already-parsed value as a workflow document, migrating older versions. */
export function loadWorkflowValue(value: unknown, warnings: string[] = []): LoadResult {
  if (depthExceeds(value, MAX_DEPTH)) throw tooDeep(MAX_DEPTH);
  return validateWorkflow(value, warnings);
}

/**
 * For a document the API contract has just parsed with workflowSchema (workflow.save): the checks a
 * schema cannot make — depth, unique ids, links between existing steps — so that Flowgate never writes
 * a file it could not open again, without parsing a 10,000-step document a second time.
 */
export function checkParsedWorkflow(wf: Workflow): LoadResult {
  if (depthExceeds(wf, MAX_DEPTH)) throw tooDeep(MAX_DEPTH);
  checkReferences(wf);
  fillApprovalShows(wf);
  return { workflow: wf, warnings: [] };
}

/** loadWorkflowValue() without the depth walk, for a value whose depth is already checked. */
function validateWorkflow(value: unknown, warnings: string[]): LoadResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WorkflowLoadError('not-workflow', '$', 'not a Flowgate workflow: expected a JSON object');
  }
  const obj = value as Record<string, unknown>;
  if (obj.format !== FORMAT) {
    throw new WorkflowLoadError('not-workflow', '$.format', `not a Flowgate workflow: "format" must be "${FORMAT}"`);
  }
  const version = obj.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new WorkflowLoadError('invalid', '$.schemaVersion', 'must be a whole number from 1');
  }
  if (version > SCHEMA_VERSION) {
    throw new WorkflowLoadError(
      'newer-version',
      '$.schemaVersion',
      `this file was written by a newer Flowgate (schemaVersion ${version}; this version reads up to ${SCHEMA_VERSION})`,
    );
  }
  const current = version < SCHEMA_VERSION ? migrate(obj, version) : obj;
  if (version < SCHEMA_VERSION) warnings.push(`migrated from schemaVersion ${version}`);
  const parsed = workflowSchema.safeParse(current);
  if (!parsed.success) throw firstIssue(parsed.error, current);
  checkReferences(parsed.data);
  // A default that depends on the graph, which the schema cannot fill: what each approval shows.
  fillApprovalShows(parsed.data);
  LOADED.add(parsed.data);
  return { workflow: parsed.data, warnings };
}

/** Documents this loader made, each the schema's own output: see wasLoaded(). */
const LOADED = new WeakSet<object>();

/**
 * Whether `value` is a document this loader made (parsed with workflowSchema, references checked), so
 * that the API contract need not parse a 10,000-step document again on its way out (workflow.open).
 * The loader's documents are never changed in place: edits return new objects.
 */
export function wasLoaded(value: unknown): value is Workflow {
  return typeof value === 'object' && value !== null && LOADED.has(value);
}

/** Parses and validates the text of a `*.flowgate.json` file. */
export function loadWorkflow(text: string): LoadResult {
  const warnings: string[] = [];
  // parseJson() has checked the depth already: the document is not walked a second time.
  return validateWorkflow(parseJson(text, warnings), warnings);
}

/** Serialises a workflow the way files are written: two-space JSON with a final newline. */
export function serializeWorkflow(wf: Workflow): string {
  return `${JSON.stringify(wf, null, 2)}\n`;
}
