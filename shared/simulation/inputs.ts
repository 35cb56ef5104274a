// The input of a connector call: what the step maps explicitly, then each input the action declares,
// taken from a variable of the same name or from a usual synonym (an `email` variable for `to`).
import type { CompiledCall } from './compile';
import { INPUT_ALIASES as ALIASES, TEXT_INPUTS } from '../workflow-index/input-names';
import { lookup, resolveValue, type Variables } from './variables';

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

function fromVariables(name: string, vars: Variables): unknown {
  const direct = vars[name];
  if (present(direct)) return direct;
  for (const alias of ALIASES[name] ?? []) {
    const v = lookup(vars, alias);
    if (present(v)) return v;
  }
  // `customerId` from a `customer` record held in a variable.
  if (name.endsWith('Id')) {
    const id = lookup(vars, `${name.slice(0, -2)}.id`);
    if (present(id)) return id;
  }
  return undefined;
}

export interface InputSources {
  /** The step's explicit mapping: input name → template (`{{reply}}`) or fixed text. */
  mapping?: Readonly<Record<string, string>>;
  /** Values the step itself supplies (an escalation's team and reason), before variables. */
  given?: Readonly<Record<string, unknown>>;
  /** The step's text, for body-like inputs not mapped or given. */
  text?: string;
  /** What a custom action (no declared inputs, no mapping) receives: the item the run is about. */
  item: Readonly<Record<string, unknown>>;
}

/**
 * The sources of a call's input as one object of a fixed shape, whatever the step gave. A spread with a
 * field after it (`{ ...sources, item }`) makes an object on which V8 looks up the fields it lacks
 * (`mapping`, `given`, `text`) through the runtime every time, and callInput reads them for each input.
 */
export function callSources(sources: Omit<InputSources, 'item'>, item: InputSources['item']): InputSources {
  // Every field named (a field added to InputSources and not copied here is a type error).
  const all: { [K in keyof Required<InputSources>]: InputSources[K] } = { mapping: sources.mapping, given: sources.given, text: sources.text, item };
  return all;
}

export function callInput(call: CompiledCall, vars: Variables, from: InputSources): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const mapping = from.mapping ?? {};
  for (const [name, template] of Object.entries(mapping)) out[name] = typeof template === 'string' ? resolveValue(template, vars) : template;
  if (call.inputs === null) return Object.keys(out).length ? out : { ...from.item };
  for (const name of call.inputs) {
    if (name in out) continue;
    let v = from.given?.[name];
    if (!present(v) && TEXT_INPUTS.has(name) && present(from.text)) v = from.text;
    if (!present(v)) v = fromVariables(name, vars);
    if (present(v)) out[name] = v;
  }
  return out;
}
