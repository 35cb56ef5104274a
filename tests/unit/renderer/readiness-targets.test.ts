// Where an open readiness item's link takes the user: the plan for each kind of target, its words, and
// what the app then shows — through the controller, as View → Readiness Checklists runs it.
import { describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../shared/api/contract';
import { readiness } from '../../../shared/readiness/checklists';
import type { ReadinessTarget } from '../../../shared/readiness/types';
import { setProperties } from '../../../shared/model/edits/workflow';
import { createController, type CanvasHandle, type Platform } from '../../../renderer/src/app/controller';
import { fixLabel, fixPlan, showFix, type FixSurroundings } from '../../../renderer/src/readiness/fix-targets';
import { createUiStore } from '../../../renderer/src/store/ui';
import { template } from './analysis-fixtures';

const risky = template('risky-support-bot');
const openItem = (id: string) => readiness(risky).checklists.flatMap((l) => l.items).find((i) => i.id === id)!;

describe('fixPlan and fixLabel', () => {
  it('sends a step to the Inspector, named by its label, with the field to fill in', () => {
    const target = openItem('workflow.reviewers').target!;
    expect(target).toEqual({ kind: 'node', nodeId: 'n7', field: 'reviewer' });
    expect(fixPlan(risky, target)).toEqual({ kind: 'node', nodeId: 'n7', tab: 'inspector', focus: '[data-testid="inspector"] [data-testid="field-reviewer"]' });
    expect(fixPlan(risky, { kind: 'node', nodeId: 'n7' })).toEqual({ kind: 'node', nodeId: 'n7', tab: 'inspector', focus: null });
    expect(fixLabel(risky, target)).toBe('Go to the step “Manager check”');
  });

  it('sends a connection to the Connections panel', () => {
    const target = openItem('integration.maintainers').target!;
    expect(fixPlan(risky, target)).toEqual({ kind: 'connection', connectionId: 'helpdesk', tab: 'connections', focus: '[data-testid="connection-helpdesk"] [data-testid="field-maintainer"]' });
    expect(fixLabel(risky, target)).toMatch(/^Go to the connection “.+”$/);
  });

  it('sends the owner to Properties with its field focused', () => {
    const target = openItem('workflow.owner').target!;
    expect(fixPlan(risky, target)).toEqual({ kind: 'panel', tab: 'properties', focus: 'field-owner' });
    expect(fixLabel(risky, target)).toBe('Go to Properties → Owner');
  });

  it('sends a line to the Inspector, named by the steps it joins', () => {
    const e = risky.edges[0];
    const plan = fixPlan(risky, { kind: 'edge', edgeId: e.id });
    expect(plan).toEqual({ kind: 'edge', edgeId: e.id, tab: 'inspector' });
    const name = (id: string) => risky.nodes.find((n) => n.id === id)!.label;
    expect(fixLabel(risky, { kind: 'edge', edgeId: e.id })).toBe(`Go to the link “${name(e.source)}” → “${name(e.target)}”`);
  });

  it('sends "add a step" to the canvas and the palette, and "connections" to their panel', () => {
    expect(fixPlan(risky, { kind: 'workflow', field: 'nodes' })).toEqual({ kind: 'canvas', tab: 'inspector', focus: 'palette-intake' });
    expect(fixPlan(risky, { kind: 'workflow', field: 'connections' })).toEqual({ kind: 'panel', tab: 'connections', focus: null });
  });

  it('sends the open findings to the Problems panel', () => {
    const target: ReadinessTarget = { kind: 'workflow', field: 'problems' };
    expect(fixPlan(risky, target)).toEqual({ kind: 'problems' });
    expect(fixLabel(risky, target)).toBe('Open the Problems panel');
  });

  it('offers no link to what is no longer there', () => {
    for (const target of [{ kind: 'node', nodeId: 'gone' }, { kind: 'edge', edgeId: 'gone' }, { kind: 'connection', connectionId: 'gone' }] as ReadinessTarget[]) {
      expect(fixPlan(risky, target)).toBeNull();
      expect(fixLabel(risky, target)).toBeNull();
    }
    expect(fixPlan(risky, null)).toBeNull();
  });
});

describe('showFix', () => {
  function surroundings() {
    const ui = createUiStore();
    const canvas = { reveal: vi.fn(), fitView: vi.fn() };
    const focus = vi.fn();
    const focusSelector = vi.fn();
    const env: FixSurroundings = { ui, canvas: () => canvas, focus, focusSelector };
    return { ui, canvas, focus, focusSelector, env };
  }

  it('selects a step in the Inspector and scrolls it into view, even from the Run tab', () => {
    const { ui, canvas, env } = surroundings();
    ui.setTab('simulation');
    showFix(fixPlan(risky, { kind: 'node', nodeId: 'n7' })!, env);
    expect([...ui.state.selectedNodes]).toEqual(['n7']);
    expect(ui.state.tab).toBe('inspector');
    expect(canvas.reveal).toHaveBeenCalledWith({ nodeId: 'n7' });
  });

  it('opens a connection in the Connections panel', () => {
    const { ui, env, focusSelector } = surroundings();
    showFix(fixPlan(risky, { kind: 'connection', connectionId: 'helpdesk' })!, env);
    expect(ui.state).toMatchObject({ tab: 'connections', focusConnectionId: 'helpdesk' });
    expect(focusSelector).not.toHaveBeenCalled();
  });

  it('puts the cursor in the field an item asks for: a step’s reviewer, a connection’s maintainer', () => {
    const { ui, env, focusSelector } = surroundings();
    showFix(fixPlan(risky, openItem('workflow.reviewers').target)!, env);
    expect(ui.state.tab).toBe('inspector');
    expect(focusSelector).toHaveBeenLastCalledWith('[data-testid="inspector"] [data-testid="field-reviewer"]');
    showFix(fixPlan(risky, openItem('integration.maintainers').target)!, env);
    expect(focusSelector).toHaveBeenLastCalledWith('[data-testid="connection-helpdesk"] [data-testid="field-maintainer"]');
  });

  it('opens Properties and focuses the Owner field', () => {
    const { ui, focus, env } = surroundings();
    showFix(fixPlan(risky, { kind: 'workflow', field: 'owner' })!, env);
    expect(ui.state.tab).toBe('properties');
    expect(focus).toHaveBeenCalledWith('field-owner');
  });

  it('opens the Problems panel', () => {
    const { ui, env } = surroundings();
    expect(ui.state.problems.open).toBe(false);
    showFix(fixPlan(risky, { kind: 'workflow', field: 'problems' })!, env);
    expect(ui.state.problems.open).toBe(true);
  });

  it('shows the whole canvas with nothing selected for a missing step', () => {
    const { ui, canvas, focus, env } = surroundings();
    ui.select(['n2']);
    showFix(fixPlan(risky, { kind: 'workflow', field: 'nodes' })!, env);
    expect(ui.state.selectedNodes.size).toBe(0);
    expect(canvas.fitView).toHaveBeenCalled();
    expect(focus).toHaveBeenCalledWith('palette-intake');
  });
});

describe('View → Readiness Checklists in the controller', () => {
  const platform: Platform = {
    randomId: () => 'id',
    download: () => {},
    writeClipboard: async () => true,
    readClipboard: async () => null,
    rememberPath: () => {},
    systemPrefersDark: () => false,
    rasterise: async () => new Blob([]),
    pickImportFile: () => {},
  };
  // The controller keeps a recovery copy of a new document in the journal and drops it again.
  const api = {
    'templates.get': async () => risky,
    'journal.write': async () => ({}),
    'journal.discard': async () => ({}),
    'journal.list': async () => [],
  } as unknown as Api;

  async function opened() {
    const app = createController(api, platform);
    await app.newFromTemplate('risky-support-bot');
    const canvas: CanvasHandle = { centre: () => ({ x: 0, y: 0 }), fitView: vi.fn(), sizes: () => new Map(), reveal: vi.fn() };
    app.setCanvas(canvas);
    return { app, canvas };
  }

  it('opens the view, and a link closes it and selects where the item is fixed', async () => {
    const { app, canvas } = await opened();
    const running = app.run('view.readiness');
    const dialog = app.ui.state.dialog;
    expect(dialog?.kind).toBe('readiness');
    (dialog as { resolve(t: ReadinessTarget | null): void }).resolve({ kind: 'node', nodeId: 'n2' });
    await running;
    expect(app.ui.state.dialog).toBeNull();
    expect([...app.ui.state.selectedNodes]).toEqual(['n2']);
    expect(app.ui.state.tab).toBe('inspector');
    expect(canvas.reveal).toHaveBeenCalledWith({ nodeId: 'n2' });
  });

  it('closing the view changes nothing', async () => {
    const { app } = await opened();
    app.ui.setTab('connections');
    const running = app.run('view.readiness');
    app.ui.dismissDialog();
    await running;
    expect(app.ui.state).toMatchObject({ tab: 'connections', dialog: null });
    expect(app.ui.state.selectedNodes.size).toBe(0);
  });

  it('follows the owner link to Properties', async () => {
    const { app } = await opened();
    app.onPanelChange(setProperties(app.doc.workflow!, { owner: '' }));
    const running = app.run('view.readiness');
    (app.ui.state.dialog as { resolve(t: ReadinessTarget | null): void }).resolve({ kind: 'workflow', field: 'owner' });
    await running;
    expect(app.ui.state.tab).toBe('properties');
  });

  it('needs an open workflow', async () => {
    const app = createController(api, platform);
    expect(app.enabled('view.readiness')).toBe(false);
    await app.run('view.readiness');
    expect(app.ui.state.dialog).toBeNull();
  });
});
