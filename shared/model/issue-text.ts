// Says what is wrong with a value in Flowgate's words, from a zod issue, and where (its full path).
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
export interface PlainIssue {
  path: PropertyKey[];
  message: string;
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
  undefined: 'missing',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function nounOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return NOUNS[typeof value] ?? typeof value;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

/** Unions report one issue per branch; the branch that got furthest says the most useful thing. */
function deepestBranch(issue: Extract<Issue, { code: 'invalid_union' }>): Issue | undefined {
  let best: Issue | undefined;
  for (const branch of issue.errors ?? []) {
    const first = branch[0];
    if (first && (!best || first.path.length > best.path.length)) best = first;
  }
  return best;
}

export function plainIssue(issue: Issue, root: unknown, prefix: PropertyKey[] = []): PlainIssue {
  const path = [...prefix, ...issue.path];
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { path, message: `is missing: it must be ${NOUNS[issue.expected] ?? issue.expected}` };
      return { path, message: `must be ${NOUNS[issue.expected] ?? issue.expected}, not ${nounOf(value)}` };
    case 'invalid_value':
      return { path, message: `must be one of ${list(issue.values)}${typeof value === 'string' ? `, not "${value}"` : ''}` };
    case 'too_big':
      return { path, message: issue.origin === 'number' ? `must be at most ${issue.maximum}` : issue.message };
    case 'too_small':
      if (issue.origin === 'number') return { path, message: `must be at least ${issue.minimum}` };
      return { path, message: issue.message.startsWith('Too small') ? 'must not be empty' : issue.message };
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options?.length) {
        const what = path[path.length - 1] === 'kind' ? 'is not a step kind Flowgate knows' : 'is not one of the allowed values';
        return { path, message: `${what} (${typeof value === 'string' ? `"${value}"; ` : ''}use one of ${list(options)})` };
      }
      const inner = deepestBranch(issue);
      return inner ? plainIssue(inner, root, path) : { path, message: 'does not have the expected shape' };
    }
    default:
      return { path, message: issue.message };
  }
}
