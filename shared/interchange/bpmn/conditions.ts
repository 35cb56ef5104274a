// Decision rules as FEEL conditions that hold exactly when Flowgate's own evaluation
// (shared/simulation/conditions.ts) says they hold: a missing variable never matches, text compares
// without case and surrounding spaces, numbers written as text ("1,200", "$80") compare as numbers.
// Every condition is built to give true or false, never null: Zeebe raises an incident on a
// condition that is not a boolean. tests/unit/interchange/bpmn-conditions.test.ts evaluates them with
// feelin against Flowgate's `holds` on a table of inputs.
import type { Condition, DecisionRule } from '../../model/schema';
import { feelNumber, feelPath, feelString, type FeelScope } from './feel';

type Scalar = string | number | boolean | null | undefined;

/** JavaScript's `\s` (what `trim()` and Flowgate's number cleaning remove), spelled out for Java's regex too. */
const SPACE = '\\\\t\\\\n\\\\u000b\\\\f\\\\r \\\\u00a0\\\\u1680\\\\u2000-\\\\u200a\\\\u2028\\\\u2029\\\\u202f\\\\u205f\\\\u3000\\\\ufeff';
/** What Flowgate strips from text before reading it as a number: spaces, thousands commas, $ € £. */
const NUMBER_NOISE = `"[${SPACE},$€£]"`;
/** Text that JavaScript's Number() reads as a finite decimal number (the forms a business user types). */
const DECIMAL = '"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"';

/** Flowgate's asNumber for a literal, computed here once. */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const cleaned = v.replace(/[\s,$€£]/g, '');
    return cleaned === '' ? NaN : Number(cleaned);
  }
  return NaN;
}

/** True when `x` (any value) reads as a number that satisfies `test` against the literal `y`. */
function numberTest(x: string, op: string, y: number): string {
  const cleaned = `replace(${x}, ${NUMBER_NOISE}, "")`;
  return `(if ${x} instance of number then ${x} ${op} ${feelNumber(y)} else if ${x} instance of string then (if matches(${cleaned}, ${DECIMAL}) then number(${cleaned}) ${op} ${feelNumber(y)} else false) else false)`;
}

/** `trim()` of text, JavaScript's way. */
function trimmed(x: string): string {
  return `replace(${x}, "^[${SPACE}]+|[${SPACE}]+$", "")`;
}

/**
 * Flowgate's `same(actual, literal)`, as FEEL over the expression `x`.
 * - literal text: equal text ignoring case and surrounding spaces; a number equal to the text read as
 *   a number; a boolean whose name is the text ("TRUE").
 * - literal number: an equal number, or text that reads as that number.
 * - literal boolean: the same boolean, text naming it, or (JavaScript's String() of a list) a list of
 *   one item naming it.
 */
function same(x: string, b: Scalar): string {
  if (b === undefined || b === null) {
    // Zeebe cannot tell a missing variable from one set to null: both read as null in FEEL.
    return `${x} = null`;
  }
  if (typeof b === 'number') {
    if (!Number.isFinite(b)) return 'false';
    return numberTest(x, '=', b);
  }
  if (typeof b === 'boolean') {
    const name = String(b);
    const names = (v: string) => `(if ${v} instance of boolean then ${v} = ${name} else if ${v} instance of string then lower case(${v}) = ${feelString(name)} else false)`;
    return `(if ${x} instance of boolean then ${x} = ${name} else if ${x} instance of string then lower case(${x}) = ${feelString(name)} else if ${x} instance of list then (count(${x}) = 1 and ${names(`${x}[1]`)}) else false)`;
  }
  const branches: string[] = [`if ${x} instance of string then lower case(${trimmed(x)}) = ${feelString(b.trim().toLowerCase())}`];
  const n = asNumber(b);
  if (!Number.isNaN(n) && Number.isFinite(n)) branches.push(`if ${x} instance of number then ${x} = ${feelNumber(n)}`);
  const lower = b.toLowerCase();
  if (lower === 'true' || lower === 'false') branches.push(`if ${x} instance of boolean then ${x} = ${lower}`);
  return `(${branches.join(' else ')} else false)`;
}

/** One condition of a rule as FEEL (true or false, never null). */
export function conditionExpression(c: Condition, scope: FeelScope): string {
  const x = c.var.trim() === '' ? 'null' : feelPath(c.var, scope);
  const expected = c.value;
  switch (c.op) {
    case 'exists':
      return `(if ${x} = null then false else if ${x} instance of string then ${x} != "" else if ${x} instance of list then count(${x}) > 0 else true)`;
    case 'eq':
      return Array.isArray(expected) ? 'false' : same(x, expected);
    case 'neq':
      return Array.isArray(expected) ? 'false' : `not(${same(x, expected)})`;
    case 'in': {
      const list = Array.isArray(expected) ? expected : [expected];
      return list.length ? `(${list.map((v) => same(x, v)).join(' or ')})` : 'false';
    }
    case 'contains': {
      if (Array.isArray(expected) || expected === undefined || expected === null) return 'false';
      const inList = `some v in ${x} satisfies (${same('v', expected)} or (if v instance of context then ${same('v.id', expected)} else false))`;
      return `(if ${x} instance of list then (${inList}) else if ${x} instance of string then contains(lower case(${x}), ${feelString(String(expected).toLowerCase())}) else false)`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const y = asNumber(expected);
      if (Number.isNaN(y) || !Number.isFinite(y)) return 'false';
      return numberTest(x, { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op], y);
    }
    default:
      return 'false';
  }
}

/** A rule's `when` as one FEEL condition: all of its conditions, or any of them; an empty rule always holds. */
export function ruleExpression(rule: DecisionRule, scope: FeelScope): string {
  const when = rule.when as { all?: Condition[]; any?: Condition[] };
  if (when.any) return when.any.length ? when.any.map((c) => conditionExpression(c, scope)).join(' or ') : 'true';
  const all = when.all ?? [];
  return all.length ? all.map((c) => conditionExpression(c, scope)).join(' and ') : 'true';
}

/** Whether a rule compares with no value or with null, which Camunda cannot tell from a missing variable. */
export function comparesWithNothing(rule: DecisionRule): boolean {
  const when = rule.when as { all?: Condition[]; any?: Condition[] };
  const list = when.any ?? when.all ?? [];
  return list.some((c) => (c.op === 'eq' || c.op === 'neq' || c.op === 'in') && (c.value === undefined || c.value === null));
}
