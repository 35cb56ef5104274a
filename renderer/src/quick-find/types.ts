// What quick find answers: the thing chosen, which the controller then shows, adds or runs.
import type { CommandId } from '../../../shared/api/commands';
import type { NodeKind } from '../../../shared/model/schema';

export type QuickFindChoice =
  | { type: 'step'; id: string }
  | { type: 'note'; id: string }
  | { type: 'add'; kind: NodeKind | 'note' }
  | { type: 'command'; id: CommandId };
