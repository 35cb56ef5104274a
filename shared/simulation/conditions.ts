// Decision rules on run variables: structured conditions compared in plain code, never evaluated.
import type { Condition, DecisionRule } from '../model/schema';
import { lookup, type Variables } from './variables';

type Scalar = string | number | boolean | null | undefined;

/** Numbers written as text ("1200", "1,200.50", "$80") compare as numbers. */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const cleaned = v.replace(/[\s,$€£]/g, '');
    return cleaned === '' ? NaN : Number(cleaned);
  }
  return NaN;
}

/** Equality the way a business user means it: "Billing" equals "billing", "1200" equals 1200. */
function same(a: unknown, b: Scalar): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return false;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    return !Number.isNaN(x) && x === y;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a).toLowerCase() === String(b).toLowerCase();
  return typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function compare(a: unknown, b: unknown, test: (x: number, y: number) => boolean): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  return !Number.isNaN(x) && !Number.isNaN(y) && test(x, y);
}

export function holds(c: Condition, vars: Variables): boolean {
  const actual = lookup(vars, c.var);
  const expected = c.value;
  switch (c.op) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '' && !(Array.isArray(actual) && actual.length === 0);
    case 'eq':
      return !Array.isArray(expected) && same(actual, expected);
    case 'neq':
      return !Array.isArray(expected) && !same(actual, expected);
    case 'in': {
      const list = Array.isArray(expected) ? expected : [expected];
      return list.some((v) => same(actual, v));
    }
    case 'contains': {
      if (Array.isArray(expected) || expected === undefined || expected === null) return false;
      if (Array.isArray(actual)) return actual.some((v) => same(v, expected as Scalar) || (isRecord(v) && same(v.id, expected as Scalar)));
      return typeof actual === 'string' && actual.toLowerCase().includes(String(expected).toLowerCase());
    }
    case 'gt':
      return compare(actual, expected, (x, y) => x > y);
    case 'gte':
      return compare(actual, expected, (x, y) => x >= y);
    case 'lt':
      return compare(actual, expected, (x, y) => x < y);
    case 'lte':
      return compare(actual, expected, (x, y) => x <= y);
    default:
      return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The id of the first rule that holds, or `else`. A rule with no conditions always holds. */
export function chooseRule(rules: readonly DecisionRule[], vars: Variables): string {
  for (const rule of rules) {
    const when = rule.when as { all?: Condition[]; any?: Condition[] };
    if (when.any) {
      if (when.any.length === 0 || when.any.some((c) => holds(c, vars))) return rule.id;
    } else if ((when.all ?? []).every((c) => holds(c, vars))) {
      return rule.id;
    }
  }
  return 'else';
}
