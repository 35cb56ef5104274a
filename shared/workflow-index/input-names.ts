// Where a connector call's inputs come from when a step does not map them: a variable of the same
// name or a usual synonym, and for text-like inputs the step's text. The simulator fills inputs this
// way (simulation/inputs.ts) and the data flow reads the same lists, so the two cannot drift apart.

/** Usual synonyms of an input, tried in this order after the input's own name. */
export const INPUT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  to: ['email', 'customerEmail', 'requesterEmail', 'from', 'customer.email'],
  email: ['customerEmail', 'requesterEmail', 'from', 'customer.email', 'contact.email', 'lead.email'],
  recipient: ['email', 'to'],
  name: ['customerName', 'fullName', 'customer.name', 'lead.name'],
  company: ['customer.company', 'lead.company'],
};

/** Inputs that carry the step's text: the caller's `text` (an AI answer, an escalation note) fills them first. */
export const TEXT_INPUTS: ReadonlySet<string> = new Set(['body', 'text', 'message', 'summary', 'notes']);

/** The variable a reference starts from: `customer.email` → `customer`. */
export function rootName(reference: string): string {
  const dot = reference.indexOf('.');
  return dot === -1 ? reference : reference.slice(0, dot);
}

/**
 * The variables an unmapped input may be taken from, in the order the simulator tries them: its own
 * name, its synonyms, and for `customerId` the `id` of a `customer` record. As roots (`customer`).
 */
export function inputCandidates(input: string): string[] {
  const aliases = Object.hasOwn(INPUT_ALIASES, input) ? INPUT_ALIASES[input] : [];
  const out = [rootName(input), ...aliases.map(rootName)];
  if (input.endsWith('Id') && input.length > 2) out.push(input.slice(0, -2));
  return [...new Set(out)];
}
