// Flowgate's `{{variables}}` and decision conditions written as n8n expressions. A condition becomes a
// small JavaScript expression that means exactly what shared/simulation/conditions.ts means (missing
// values, case-insensitive text, numbers written as text), so an n8n IF decides as Flowgate would.
import type { Condition } from '../../model/schema';

/** The value of each variable root in n8n (`category` → `$('Classify').item.json.output["category"]`). */
export type VariableSources = ReadonlyMap<string, string>;

const SYSTEM: Record<string, string> = {
  now: '$now.toISO()',
  today: '$today.toISODate()',
  runId: '$execution.id',
  workflow: '$workflow.name',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;

/** A JavaScript string literal that cannot close an n8n `{{ }}` block early. */
export function jsString(value: string): string {
  return JSON.stringify(value).replace(/[{}]/g, (c) => (c === '{' ? '\\u007b' : '\\u007d'));
}

/** `$('Node name')`: how an n8n expression reads another node's output. */
export function nodeRef(name: string): string {
  return `$(${jsString(name).replace(/'/g, "\\'")})`;
}

/** The n8n expression of a variable reference (`customer.email`); `undefined` when nothing provides it. */
export function variableExpr(reference: string, sources: VariableSources): string {
  const [root, ...rest] = reference.split('.');
  const base = sources.get(root) ?? SYSTEM[root];
  if (!base) return 'undefined';
  return rest.reduce((expr, part) => `${expr}?.[${jsString(part)}]`, base);
}

/** A text with `{{variables}}` as an n8n parameter: an expression (`=…{{ … }}`) when it uses any, else the text itself. */
export function templateParam(template: string, sources: VariableSources): string {
  if (!PLACEHOLDER.test(template)) return template;
  PLACEHOLDER.lastIndex = 0;
  return `=${template.replace(PLACEHOLDER, (_, ref: string) => `{{ ${variableExpr(ref, sources)} }}`)}`;
}

// ---- conditions ----

type Scalar = string | number | boolean | null | undefined;

/** asNumber() of conditions.ts, as JavaScript text taking `v`. */
const NUM = `const num = (v) => typeof v === 'number' ? v : typeof v === 'string' ? ((c) => c === '' ? NaN : Number(c))(v.replace(/[\\s,$€£]/g, '')) : NaN;`;
/** same() of conditions.ts. */
const SAME =
  `const same = (a, b) => { if (a === b) return true; if (a === undefined || a === null || b === undefined || b === null) return false; ` +
  `if (typeof a === 'number' || typeof b === 'number') { const x = num(a); const y = num(b); return !Number.isNaN(x) && x === y; } ` +
  `if (typeof a === 'boolean' || typeof b === 'boolean') return String(a).toLowerCase() === String(b).toLowerCase(); ` +
  `return typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase(); };`;

function literal(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return jsString(value);
  return JSON.stringify(value).replace(/[{}]/g, (c) => (c === '{' ? '\\u007b' : '\\u007d'));
}

/**
 * The JavaScript body (statements ending in a `return`) that decides a condition on `a`, the
 * variable's value. Each operator mirrors holds() of conditions.ts case by case.
 */
export function conditionBody(c: Pick<Condition, 'op' | 'value'>): string {
  const e = literal(c.value);
  switch (c.op) {
    case 'exists':
      return 'return a !== undefined && a !== null && a !== \'\' && !(Array.isArray(a) && a.length === 0);';
    case 'eq':
      return Array.isArray(c.value) ? 'return false;' : `${NUM} ${SAME} return same(a, ${e});`;
    case 'neq':
      return Array.isArray(c.value) ? 'return false;' : `${NUM} ${SAME} return !same(a, ${e});`;
    case 'in': {
      const list = Array.isArray(c.value) ? c.value : [c.value as Scalar];
      return `${NUM} ${SAME} return ${literal(list)}.some((v) => same(a, v));`;
    }
    case 'contains':
      if (Array.isArray(c.value) || c.value === undefined || c.value === null) return 'return false;';
      return (
        `${NUM} ${SAME} const e = ${e}; ` +
        `if (Array.isArray(a)) return a.some((v) => same(v, e) || (v !== null && typeof v === 'object' && !Array.isArray(v) && same(v.id, e))); ` +
        `return typeof a === 'string' && a.toLowerCase().includes(String(e).toLowerCase());`
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      return `${NUM} const x = num(a); const y = num(${e}); return !Number.isNaN(x) && !Number.isNaN(y) && x ${op} y;`;
    }
    default:
      return 'return false;';
  }
}

/** The whole n8n expression (`={{ … }}`) of a condition on a variable, with no `}}` inside it. */
export function conditionExpr(c: Condition, sources: VariableSources): string {
  const body = conditionBody(c);
  const code = `((a) => { ${body} })(${variableExpr(c.var, sources)})`;
  return `={{ ${code.replace(/\}\}/g, '} }')} }}`;
}
