// What the model is told: how a Flowgate workflow is built (the step kinds and their outputs), the
// actions of the connector catalog with what each does, and the checks its draft must pass — the same
// ones the analysis runs afterwards. Then the user's description; in a repair round, its last draft
// and the problems found in it (feedback.ts).
import { BUILTIN_CONNECTORS } from '../connectors/catalog';
import type { ConnectorAction } from '../connectors/types';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Longest description Flowgate sends; a process told in words fits in far less. */
export const MAX_DESCRIPTION_CHARS = 20_000;

function actionLine(a: ConnectorAction): string {
  const flags = [a.effect, ...(a.customerFacing ? ['customer-facing'] : []), ...a.data.map((d) => `${d} data`)].join(', ');
  const inputs = a.inputs?.length ? `; inputs: ${a.inputs.join(', ')}` : '';
  return `  - ${a.scope}: ${a.label} (${flags})${inputs}`;
}

function catalogText(): string {
  return BUILTIN_CONNECTORS.map((c) => `- ${c.id} — ${c.label}: ${c.description}\n${c.actions.map(actionLine).join('\n')}`).join('\n');
}

const KINDS_TEXT = `Step kinds and their outputs (each output leads to one step at most):
- intake: what starts the process (a form, an email, a ticket, a webhook, a schedule, a person). Outputs: "out". Nothing leads into an intake.
- ai: an AI task — classify or route (choose one of its labels), summarize, draft (write a text), extract (pull fields out), retrieve (find knowledge). Outputs: "ok", "low_confidence" (unsure), "error" (failed).
- integration: one action on a connected system. Outputs: "ok", "error".
- decision: rules on variables, checked in order. Outputs: the "output" name of each rule, and "else".
- approval: a person reviews before the workflow goes on. Outputs: "approved", "rejected", "timeout".
- escalation: hands the item to a team or queue. Outputs: "out".
- end: the item is done, with an outcome (resolved, rejected, escalated, stopped…). No outputs.`;

const RULES_TEXT = `Flowgate checks every draft. Make yours pass:
1. Start with an intake; every path ends at an end step; every step can be reached from an intake.
2. An action that sends something to a customer, changes records, moves money, deletes or triggers something must come after an approval step, reached only through that approval's "approved" output (every path into the action passes that gate). An intake only reads.
3. Every approval names a reviewer role, and its "rejected" and "timeout" outputs lead somewhere (an end with outcome "rejected", or an escalation).
4. Every AI step's "low_confidence" and "error" outputs lead to a person: an escalation or an approval. AI steps only suggest: they do not call tools that change things; later steps do, behind approvals.
5. Use only the actions listed below, by their scope. Flowgate gives each connection exactly the scopes its steps use.
6. Name the process owner. Decisions test the intake's fields or an AI step's output variable.
7. Labels are short and unique; "next" links refer to steps by their exact labels.
8. Add one to three scenarios: sample items with a value for each intake field, and how approvals are decided.
9. Do not invent people, accounts or facts. Leave identity, maintainer or revocation "" when the description does not say, and list what you assumed in "assumptions".`;

export function systemPrompt(): string {
  return [
    'You turn a description of a business process into a draft workflow for Flowgate, a tool that designs AI-assisted workflows and checks what they may do.',
    'Reply with one JSON object that follows the given schema, and nothing else.',
    KINDS_TEXT,
    RULES_TEXT,
    `Connectors and their actions (scope: what it does (effect, flags); inputs):\n${catalogText()}`,
  ].join('\n\n');
}

export function descriptionMessage(description: string): string {
  return `Draft the workflow for this process:\n\n${description.trim().slice(0, MAX_DESCRIPTION_CHARS)}`;
}

/** The first request: the rules, the catalog and the description. */
export function firstMessages(description: string): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content: descriptionMessage(description) },
  ];
}

/** A repair request: the same start, the model's last draft, and what is wrong with it. */
export function repairMessages(description: string, lastReply: string, feedback: string): ChatMessage[] {
  return [...firstMessages(description), { role: 'assistant', content: lastReply }, { role: 'user', content: feedback }];
}
