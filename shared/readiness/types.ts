// The vocabulary of the readiness checklists: questions answered from the workflow itself, or left
// open with the place where the answer is to be given.

/** The field of a step that answers an item (the app scrolls to it and puts the cursor there). */
export type NodeField = 'prompt' | 'reviewer' | 'timeoutHours' | 'team' | 'sources' | 'shows';
/** The field of a connection that answers an item. */
export type ConnectionField = 'identity' | 'logging' | 'revocation' | 'maintainer';

/** Where an unanswered item is fixed: a step, a link, a connection (each with the field to fill in, when one does), or a field of the workflow. */
export type ReadinessTarget =
  | { kind: 'node'; nodeId: string; field?: NodeField }
  | { kind: 'edge'; edgeId: string }
  | { kind: 'connection'; connectionId: string; field?: ConnectionField }
  /** `problems`: the analysis's open findings (the app's Problems panel). */
  | { kind: 'workflow'; field: 'owner' | 'connections' | 'nodes' | 'problems' };

export interface ChecklistItem {
  /** Stable id, like `integration.identities`. */
  id: string;
  question: string;
  /** The answer the workflow gives; null when it does not answer the question yet. */
  answer: string | null;
  /** The same answer in its parts (one per connection, per step…), for layouts that list them; empty when unanswered. */
  answerParts: string[];
  /** For an unanswered item: what is missing, in one sentence. */
  missing: string | null;
  /** For an unanswered item: where to fix it (the app selects it); the first of `targets`. */
  target: ReadinessTarget | null;
  /** For an unanswered item: every place that needs fixing (each step or connection at fault), in document order; empty when answered. */
  targets: ReadinessTarget[];
}

export type ChecklistId = 'integration' | 'workflow';

export interface Checklist {
  id: ChecklistId;
  title: string;
  /** One line on what the checklist is about. */
  description: string;
  items: ChecklistItem[];
}

export interface ReadinessSummary {
  /** Items answered, over both checklists. */
  answered: number;
  total: number;
  /** Open findings of the analysis (suppressed ones are not counted). */
  errors: number;
  warnings: number;
  /** Whether every step that changes, sends or triggers something runs only after an approval, and sends only what was approved. */
  allSensitiveGated: boolean;
  /** Steps that can do something sensitive without an approval, in document order. */
  ungatedNodeIds: string[];
  /** Steps that send something changed after its approval (gate/stale-approval), in document order. */
  changedAfterApprovalNodeIds: string[];
  /** Whether a batch has been run since the workflow was last edited (the caller knows; passed in). */
  batchSinceLastEdit: boolean;
}

export interface Readiness {
  checklists: Checklist[];
  summary: ReadinessSummary;
}
