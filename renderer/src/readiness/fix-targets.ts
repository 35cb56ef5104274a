// Where an open readiness item is fixed, turned into what the app shows: the step or link selected in
// the Inspector (and scrolled into view), the connection opened in the Connections panel, or the
// workflow's Properties — each with the field to fill in scrolled into view and focused, when the item
// names one. The plan is pure (tested without a DOM); `showFix` carries it out on the stores.
import type { ConnectionField, NodeField, ReadinessTarget } from '../../../shared/readiness/types';
import type { Workflow } from '../../../shared/model/schema';
import type { PanelTab } from '../store/ui';

export type FixPlan =
  /** `focus`: a CSS selector of the field to fill in, or null. */
  | { kind: 'node'; nodeId: string; tab: 'inspector'; focus: string | null }
  | { kind: 'edge'; edgeId: string; tab: 'inspector' }
  | { kind: 'connection'; connectionId: string; tab: 'connections'; focus: string | null }
  /** A panel, with the element to focus in it (a field's test id), if any. */
  | { kind: 'panel'; tab: PanelTab; focus: string | null }
  /** The canvas itself: nothing selected, everything in view, the palette at hand. */
  | { kind: 'canvas'; tab: 'inspector'; focus: string }
  /** The Problems panel under the canvas, opened. */
  | { kind: 'problems' };

/** Test ids of the Properties fields a workflow target names. */
const FIELD_TEST_IDS = { owner: 'field-owner' } as const;

/** The control that answers each field of a step (in the Inspector's form) and of a connection (in its card). */
const NODE_FIELDS: Record<NodeField, string> = { prompt: 'field-prompt', reviewer: 'field-reviewer', timeoutHours: 'field-timeoutHours', team: 'field-team', sources: 'add-sources', shows: 'shows-chips' };
const CONNECTION_FIELDS: Record<ConnectionField, string> = { identity: 'field-identity', logging: 'field-logging', revocation: 'field-revocation', maintainer: 'field-maintainer' };

const byTestId = (testId: string) => `[data-testid="${testId}"]`;

/** What to show for a target; null when the step, line or connection it names is no longer there. */
export function fixPlan(wf: Workflow, target: ReadinessTarget | null): FixPlan | null {
  if (!target) return null;
  switch (target.kind) {
    case 'node':
      return wf.nodes.some((n) => n.id === target.nodeId)
        ? { kind: 'node', nodeId: target.nodeId, tab: 'inspector', focus: target.field ? `${byTestId('inspector')} ${byTestId(NODE_FIELDS[target.field])}` : null }
        : null;
    case 'edge':
      return wf.edges.some((e) => e.id === target.edgeId) ? { kind: 'edge', edgeId: target.edgeId, tab: 'inspector' } : null;
    case 'connection':
      return wf.connections.some((c) => c.id === target.connectionId)
        ? {
            kind: 'connection',
            connectionId: target.connectionId,
            tab: 'connections',
            focus: target.field ? `${byTestId(`connection-${target.connectionId}`)} ${byTestId(CONNECTION_FIELDS[target.field])}` : null,
          }
        : null;
    case 'workflow':
      if (target.field === 'owner') return { kind: 'panel', tab: 'properties', focus: FIELD_TEST_IDS.owner };
      if (target.field === 'connections') return { kind: 'panel', tab: 'connections', focus: null };
      if (target.field === 'problems') return { kind: 'problems' };
      return { kind: 'canvas', tab: 'inspector', focus: 'palette-intake' };
  }
}

/** The link's words: where it takes the user. */
export function fixLabel(wf: Workflow, target: ReadinessTarget | null): string | null {
  const plan = fixPlan(wf, target);
  if (!plan) return null;
  switch (plan.kind) {
    case 'node':
      return `Go to the step “${wf.nodes.find((n) => n.id === plan.nodeId)?.label || plan.nodeId}”`;
    case 'edge': {
      const e = wf.edges.find((x) => x.id === plan.edgeId)!;
      const name = (id: string) => wf.nodes.find((n) => n.id === id)?.label || id;
      return `Go to the link “${name(e.source)}” → “${name(e.target)}”`;
    }
    case 'connection':
      return `Go to the connection “${wf.connections.find((c) => c.id === plan.connectionId)?.label || plan.connectionId}”`;
    case 'panel':
      return plan.tab === 'properties' ? 'Go to Properties → Owner' : 'Go to the Connections panel';
    case 'canvas':
      return 'Go to the canvas and add the step';
    case 'problems':
      return 'Open the Problems panel';
  }
}

export interface FixSurroundings {
  ui: {
    select(nodes: Iterable<string>, edges?: Iterable<string>): void;
    clearSelection(): void;
    setTab(tab: PanelTab): void;
    focusConnection(id: string): void;
    setProblems(patch: { open: boolean }): void;
  };
  canvas(): { reveal(target: { nodeId: string } | { edgeId: string }): void; fitView(): void } | null;
  /** Focuses the element with this test id once it is on screen. */
  focus(testId: string): void;
  /** Focuses (and so scrolls into view) the element this selector finds once it is on screen; by default through `focus`'s machinery. */
  focusSelector?(selector: string): void;
}

/** Carries out a plan: selection, panel, view and focus. */
export function showFix(plan: FixPlan, env: FixSurroundings): void {
  switch (plan.kind) {
    case 'node':
      env.ui.select([plan.nodeId]);
      env.ui.setTab('inspector');
      env.canvas()?.reveal({ nodeId: plan.nodeId });
      if (plan.focus) (env.focusSelector ?? focusSelectorWhenShown)(plan.focus);
      return;
    case 'edge':
      env.ui.select([], [plan.edgeId]);
      env.ui.setTab('inspector');
      env.canvas()?.reveal({ edgeId: plan.edgeId });
      return;
    case 'connection':
      env.ui.focusConnection(plan.connectionId);
      if (plan.focus) (env.focusSelector ?? focusSelectorWhenShown)(plan.focus);
      return;
    case 'panel':
      env.ui.setTab(plan.tab);
      if (plan.focus) env.focus(plan.focus);
      return;
    case 'canvas':
      env.ui.clearSelection();
      env.canvas()?.fitView();
      env.focus(plan.focus);
      return;
    case 'problems':
      env.ui.setProblems({ open: true });
  }
}

/**
 * Focuses an element by test id once it is rendered and the readiness dialog has gone: the panel
 * switches on the next frame, and a closing dialog hands focus back to where it was opened from a
 * little later, so focus is done when it has held for a few frames (tried for `frames` frames at most).
 */
export function focusWhenShown(testId: string, frames = 30, held = 0): void {
  focusSelectorWhenShown(`[data-testid="${typeof CSS === 'undefined' ? testId : CSS.escape(testId)}"]`, frames, held);
}

/** focusWhenShown for any selector (a field inside one panel or card); focusing scrolls the field into view. */
export function focusSelectorWhenShown(selector: string, frames = 30, held = 0): void {
  if (typeof document === 'undefined') return;
  const el = document.querySelector<HTMLElement>(selector);
  const ready = el !== null && document.querySelector('[aria-modal="true"]') === null;
  const holding = ready && document.activeElement === el;
  if (ready && !holding) el.focus();
  const nextHeld = holding ? held + 1 : 0;
  if (nextHeld < 3 && frames > 0) requestAnimationFrame(() => focusSelectorWhenShown(selector, frames - 1, nextHeld));
}
