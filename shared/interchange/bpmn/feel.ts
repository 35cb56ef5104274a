// FEEL, the expression language of Camunda 8: literals, variable paths and `{{variable}}` templates
// written so that they mean in Zeebe what they mean in a Flowgate run. Every expression here is
// checked by the camunda-compat linter's FEEL parser in the tests, and evaluated with feelin.
import { isPlainVariableName } from './names';

/** How a template or a rule names a variable's root (`ticket` in `ticket.subject`) in FEEL. */
export interface FeelScope {
  root(name: string): string;
}

/** A FEEL string literal. Control characters other than tab and line breaks become spaces (XML cannot carry them). */
export function feelString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ');
  return `"${escaped}"`;
}

/** A FEEL number literal: plain decimal notation (FEEL has no exponent syntax). */
export function feelNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not a finite number`);
  if (Object.is(n, -0)) return '0';
  const plain = Math.abs(n) >= 1e21 || (Math.abs(n) < 1e-6 && n !== 0) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : String(n);
  return n < 0 ? `(${plain})` : plain;
}

/**
 * A dotted reference (`customer.email`, `sources.0.id`) as FEEL. Flowgate's lookup walks objects
 * by key and arrays by index; FEEL indexes lists from 1, and keys that are not plain names are read
 * with `get value`.
 */
export function feelPath(reference: string, scope: FeelScope): string {
  const [root, ...rest] = reference.split('.');
  let expr = scope.root(root);
  for (const segment of rest) {
    if (isPlainVariableName(segment)) expr = `${expr}.${segment}`;
    else if (/^[0-9]+$/.test(segment)) expr = `(if ${expr} instance of list then ${expr}[${Number(segment) + 1}] else get value(${expr}, ${feelString(segment)}))`;
    else expr = `get value(${expr}, ${feelString(segment)})`;
  }
  return expr;
}

/** The `{{reference}}` placeholders of Flowgate templates (shared/simulation/variables.ts reads the same). */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)\s*\}\}$/;

/** The references a template uses, in order, each once. */
export function templateReferences(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Text of a value as Flowgate puts it into a template: strings as they are, numbers and booleans
 * written out, lists joined with ", " (empty items left out), records as "title (id)" or their text
 * and number fields joined with " · ", nothing for a missing value. Defined once per expression.
 */
const TEXT_FUNCTIONS =
  'recordText: function(v) if v.title instance of string and v.id instance of string then v.title + " (" + v.id + ")" ' +
  'else string join(for e in get entries(v)[item.value instance of string or item.value instance of number] return if e.value instance of string then e.value else string(e.value), " · "), ' +
  'itemText: function(v) if v = null then "" else if v instance of string then v else if v instance of number or v instance of boolean then string(v) else if v instance of context then recordText(v) else "", ' +
  'textOf: function(v) if v instance of list then string join((for i in v return itemText(i))[item != ""], ", ") else itemText(v)';

/**
 * A Flowgate template as a FEEL expression (without the leading "="): `{{x}}` alone keeps x's value
 * as it is (a record stays a record), as Flowgate's input mapping does; anything else is text.
 */
export function templateExpression(template: string, scope: FeelScope): string {
  const whole = WHOLE.exec(template);
  if (whole) return feelPath(whole[1], scope);
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(feelString(template.slice(last, m.index)));
    parts.push(`textOf(${feelPath(m[1], scope)})`);
    last = m.index + m[0].length;
  }
  if (last === 0) return feelString(template);
  if (last < template.length) parts.push(feelString(template.slice(last)));
  return `{${TEXT_FUNCTIONS}, text: ${parts.join(' + ')}}.text`;
}
