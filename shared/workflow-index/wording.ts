// How findings, checklists and reports name what they talk about: a step by its label (or id), an
// action by its label as a phrase, a name in quotes, a list in words. Connections are named by
// connectionName() of the connector lookup.
import type { ConnectorAction } from '../connectors/types';
import { asString } from '../model/read';
import type { WorkflowNode } from '../model/schema';

/** `"Reply to customer"`: how messages name a step, a connection or a scope. */
export function q(text: string): string {
  return `"${text}"`;
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A step's label, or its id when it has none. */
export function stepLabel(node: WorkflowNode | undefined): string {
  if (!node) return '(missing step)';
  const label = asString(node.label).trim();
  return label || node.id;
}

/** An action's label as a phrase ("reply to the customer"), or its scope when it has no label. */
export function actionPhrase(action: ConnectorAction): string {
  const label = asString(action.label).trim();
  return label ? label.charAt(0).toLowerCase() + label.slice(1) : asString(action.scope);
}
