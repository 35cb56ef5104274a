// The two readiness checklists of a workflow (DESIGN.md §7), each item answered from the document
// itself, and the readiness summary that goes with them. Pure: the app, the report and the command
// line all call this.
import { analyze } from '../analysis/analyze';
import { buildWorkflowIndex, type WorkflowIndex } from '../workflow-index/workflow-index';
import type { AnalysisResult } from '../analysis/types';
import type { Workflow } from '../model/schema';
import { sensitiveSteps } from './gates';
import { parts, type ChecklistQuestion } from './phrases';
import { INTEGRATION_QUESTIONS } from './integration';
import type { Checklist, ChecklistItem, Readiness, ReadinessSummary } from './types';
import { WORKFLOW_QUESTIONS } from './workflow';
import { errorText } from '../text';

export type { Checklist, ChecklistId, ChecklistItem, Readiness, ReadinessSummary, ReadinessTarget } from './types';

function itemsOf(ctx: WorkflowIndex, questions: readonly ChecklistQuestion[]): ChecklistItem[] {
  return questions.map(({ id, question, answer }) => {
    try {
      const draft = answer(ctx);
      const list = draft.answer === null ? [] : Array.isArray(draft.answer) ? draft.answer.map((p) => p.replace(/\.+$/, '')) : [draft.answer];
      const text = draft.answer === null ? null : Array.isArray(draft.answer) ? parts(list) : draft.answer;
      return { id, question, answer: text, answerParts: list, missing: draft.missing, target: draft.targets[0] ?? null, targets: draft.targets };
    } catch (e) {
      // A document half-way through an edit must never break the checklist: the item stays open.
      return { id, question, answer: null, answerParts: [], missing: `Flowgate could not work this out: ${errorText(e)}`, target: null, targets: [] };
    }
  });
}

export function checklists(wf: Workflow, ctx: WorkflowIndex = buildWorkflowIndex(wf)): Checklist[] {
  return [
    {
      id: 'integration',
      title: 'Integration',
      description: 'What can the AI connect to: systems, sources, permissions, identities, logs and who looks after them.',
      items: itemsOf(ctx, INTEGRATION_QUESTIONS),
    },
    {
      id: 'workflow',
      title: 'Workflow',
      description: 'What happens next: how an item starts, what the AI does, who reviews, where exceptions go and who owns it.',
      items: itemsOf(ctx, WORKFLOW_QUESTIONS),
    },
  ];
}

export interface ReadinessOptions {
  /** The analysis of the same document, when the caller has it already (the app does, on every edit). */
  analysis?: AnalysisResult;
  /** Whether a batch has been run since the last edit; only the caller knows. Default false. */
  batchSinceLastEdit?: boolean;
}

export function readiness(wf: Workflow, options: ReadinessOptions = {}): Readiness {
  const ctx = buildWorkflowIndex(wf);
  const lists = checklists(wf, ctx);
  const analysis = options.analysis ?? analyze(wf);
  const items = lists.flatMap((l) => l.items);
  const steps = sensitiveSteps(ctx);
  const ungated = steps.filter((s) => !s.gated);
  const changed = steps.filter((s) => s.changedAfter.variables.length);
  const summary: ReadinessSummary = {
    answered: items.filter((i) => i.answer !== null).length,
    total: items.length,
    errors: analysis.counts.error,
    warnings: analysis.counts.warn,
    allSensitiveGated: ungated.length === 0 && changed.length === 0,
    ungatedNodeIds: ungated.map((s) => s.node.id),
    changedAfterApprovalNodeIds: changed.map((s) => s.node.id),
    batchSinceLastEdit: options.batchSinceLastEdit ?? false,
  };
  return { checklists: lists, summary };
}
