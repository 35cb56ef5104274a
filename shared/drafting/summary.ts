// The summary of what a draft assumed: what the model says it assumed, and what Flowgate filled in
// on its own (AI steps on the mock, the grants it gave, the approvals it inserted).
import { displayText } from '../model/display-text';
import type { Workflow } from '../model/schema';
import type { Draft } from './draft-schema';

const MAX_ASSUMPTIONS = 20;
const MAX_ASSUMPTION_CHARS = 300;

/** The model's assumptions, one line each, without blanks or repeats. */
export function assumptionsOf(draft: Pick<Draft, 'assumptions'>): string[] {
  const lines = draft.assumptions.map((a) => displayText(a, MAX_ASSUMPTION_CHARS)).filter(Boolean);
  return [...new Set(lines)].slice(0, MAX_ASSUMPTIONS);
}

export function modelNote(wf: Workflow): string | null {
  const ai = wf.nodes.filter((n) => n.kind === 'ai').length;
  if (!ai) return null;
  const steps = ai === 1 ? 'The AI step runs on the offline mock AI and only suggests' : `The ${ai} AI steps run on the offline mock AI and only suggest`;
  return `${steps} (mode "suggest"): choose a model or let a step act in its inspector when you are ready.`;
}

export function grantsNote(wf: Workflow): string | null {
  if (!wf.connections.length) return null;
  const each = wf.connections.map((c) => `${c.label} (${c.grants.join(', ')})`).join('; ');
  return `Each connection grants exactly what its steps use: ${each}.`;
}

export function gateNote(label: string, owner: string): string {
  const who = owner.trim() ? `its reviewer is the owner, "${owner.trim()}", until you change it` : 'choose its reviewer';
  return `Added an approval before "${label}", which could act without one: ${who}.`;
}
