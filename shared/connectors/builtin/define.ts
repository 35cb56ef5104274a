// Shorthand for the built-in catalog: most actions are neither customer-facing nor touch sensitive data,
// so those two flags default to "no" and each action only states what is special about it.
import type { ConnectorAction } from '../types';

type ActionSpec = Omit<ConnectorAction, 'customerFacing' | 'data'> & Partial<Pick<ConnectorAction, 'customerFacing' | 'data'>>;

export function defineActions(specs: ActionSpec[]): ConnectorAction[] {
  return specs.map((spec) => ({ ...spec, customerFacing: spec.customerFacing ?? false, data: spec.data ?? [] }));
}
