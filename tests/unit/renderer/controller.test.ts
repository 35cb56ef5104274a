import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Api } from '../../../shared/api/contract';
import { addNode, connect, removeElements } from '../../../shared/model/edits/graph';
import { blankWorkflow, setProperties } from '../../../shared/model/edits/workflow';
import { serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { createController, type CanvasHandle, type Platform } from '../../../renderer/src/app/controller';
import { template } from './analysis-fixtures';
import { estimatedSize } from '../../../renderer/src/canvas/firstView';
import { overlaps } from '../../../shared/model/placement';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkLike } from '../../../shared/model/elk-layout';

/** Pairs of steps whose drawn boxes (estimated sizes) overlap. */
function overlapping(wf: Workflow): string[] {
  const boxes = wf.nodes.map((n) => ({ id: n.id, ...n.position, ...estimatedSize(n) }));
  return boxes.flatMap((p, i) => boxes.slice(i + 1).filter((q) => overlaps(p, q)).map((q) => `${p.id}/${q.id}`));
}

afterEach(() => vi.useRealTimers());

/** An in-memory backend: files keyed by path with an mtime, like the real one. */
function fakeBackend(mode: 'browser' | 'desktop' = 'browser') {
  const files = new Map<string, { doc: Workflow; mtimeMs: number }>();
  let clock = 1;
  const api = {
    'app.info': async () => ({ version: '0', mode, workspaceDir: '/ws', nativeDialogs: mode === 'desktop', warnings: [] }),
    'workflow.save': vi.fn(async (p: { path: string; document: Workflow; expectedMtimeMs?: number | null; overwrite?: boolean }) => {
      const existing = files.get(p.path);
      if (existing && !p.overwrite && p.expectedMtimeMs != null && p.expectedMtimeMs !== existing.mtimeMs) {
        throw new ApiError('conflict', 'The file changed on disk.');
      }
      const mtimeMs = ++clock;
      files.set(p.path, { doc: structuredClone(p.document), mtimeMs });
      return { path: p.path, mtimeMs };
    }),
    'workflow.open': vi.fn(async ({ path }: { path: string }) => {
      const f = files.get(path);
      if (!f) throw new ApiError('not-found', 'no such file');
      return { path, document: structuredClone(f.doc), mtimeMs: f.mtimeMs, warnings: [] };
    }),
    'templates.get': vi.fn(async () => ({ ...blankWorkflow('template-id', 'Support ticket triage') })),
    'dialog.saveFile': vi.fn(async () => ({ path: '/chosen/x.flowgate.json' })),
    'file.writeText': vi.fn(async () => ({})),
    'settings.update': vi.fn(async (p: { theme?: string }) => ({ theme: p.theme ?? 'system' })),
  };
  const touch = (path: string) => {
    const f = files.get(path)!;
    files.set(path, { ...f, mtimeMs: ++clock });
  };
  return { api: api as unknown as Api, raw: api, files, touch };
}

function fakePlatform(): Platform & { clip: string | null; downloads: string[] } {
  let n = 0;
  const p = {
    clip: null as string | null,
    downloads: [] as string[],
    randomId: () => `uuid-${++n}`,
    download: (name: string) => void p.downloads.push(name),
    writeClipboard: async (t: string) => {
      p.clip = t;
      return true;
    },
    readClipboard: async () => p.clip,
    rememberPath: () => {},
    systemPrefersDark: () => false,
    rasterise: async () => new Blob([]),
    pickImportFile: () => {},
  };
  return p;
}

async function setup(mode: 'browser' | 'desktop' = 'browser') {
  const backend = fakeBackend(mode);
  const platform = fakePlatform();
  const app = createController(backend.api, platform, { autosaveMs: 3000 });
  app.setInfo(await backend.api['app.info']({}));
  return { app, backend, platform };
}

/** Answers the next dialog the controller opens. */
function answer(app: Awaited<ReturnType<typeof setup>>['app'], value: unknown) {
  return new Promise<string>((resolve) => {
    const unsub = app.ui.store.subscribe((s) => {
      if (!s.dialog) return;
      unsub();
      const kind = s.dialog.kind;
      (s.dialog.resolve as (v: unknown) => void)(value);
      resolve(kind);
    });
  });
}

describe('files', () => {
  it('Save without a path asks for a name and writes it into the workspace folder (browser mode)', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    app.doc.edit((wf) => setProperties(wf, { name: 'Refund: triage' }));
    const asked = answer(app, 'Refund triage');
    expect(await app.save()).toBe(true);
    expect(await asked).toBe('saveAs');
    expect([...backend.files.keys()]).toEqual(['/ws/Refund triage.flowgate.json']);
    expect(app.session.state.path).toBe('/ws/Refund triage.flowgate.json');
    expect(app.session.state.dirty).toBe(false);
  });

  it('Save As in desktop mode uses the native dialog', async () => {
    const { app, backend } = await setup('desktop');
    await app.newBlank();
    await app.saveAs();
    expect(backend.raw['dialog.saveFile']).toHaveBeenCalledWith({ suggestedName: 'Untitled workflow.flowgate.json', kind: 'workflow' });
    expect(backend.files.has('/chosen/x.flowgate.json')).toBe(true);
  });

  it('is dirty after an edit, clean after saving, dirty after undo, clean again after undoing back to the saved state', async () => {
    const { app } = await setup();
    await app.newBlank();
    expect(app.session.state.dirty).toBe(false);
    app.addNodeAt('intake', { x: 0, y: 0 });
    expect(app.session.state.dirty).toBe(true);
    const asked = answer(app, 'wf');
    await app.save();
    await asked;
    expect(app.session.state.dirty).toBe(false);
    app.addNodeAt('end', { x: 200, y: 0 });
    expect(app.session.state.dirty).toBe(true);
    app.doc.undo();
    expect(app.session.state.dirty).toBe(false);
    app.doc.undo();
    expect(app.session.state.dirty).toBe(true);
  });

  it('autosaves a workflow with a path 3 s after the last change, passing the mtime it knows', async () => {
    vi.useFakeTimers();
    const { app, backend } = await setup();
    await app.newBlank();
    const asked = answer(app, 'auto');
    await app.save();
    await asked;
    const mtime = app.session.state.mtimeMs;
    backend.raw['workflow.save'].mockClear();
    app.addNodeAt('intake', { x: 0, y: 0 });
    expect(app.session.state.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(2500);
    app.addNodeAt('end', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(2999);
    expect(backend.raw['workflow.save']).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.raw['workflow.save']).toHaveBeenCalledTimes(1);
    expect(backend.raw['workflow.save'].mock.calls[0][0]).toMatchObject({ path: '/ws/auto.flowgate.json', expectedMtimeMs: mtime });
    expect(app.session.state.dirty).toBe(false);
    expect(backend.files.get('/ws/auto.flowgate.json')!.doc.nodes).toHaveLength(2);
  });

  it('does not autosave a workflow that was never saved', async () => {
    vi.useFakeTimers();
    const { app, backend } = await setup();
    await app.newBlank();
    app.addNodeAt('intake', { x: 0, y: 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(backend.raw['workflow.save']).not.toHaveBeenCalled();
  });

  it('on a conflict, asks; "keep" keeps the edits unsaved, "overwrite" writes them', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    const first = answer(app, 'c');
    await app.save();
    await first;
    app.doc.edit((wf) => setProperties(wf, { name: 'mine' }));
    backend.touch('/ws/c.flowgate.json');

    const keep = answer(app, 'keep');
    expect(await app.save()).toBe(false);
    expect(await keep).toBe('conflict');
    expect(app.doc.workflow!.name).toBe('mine');
    expect(app.session.state.dirty).toBe(true);
    expect(app.session.state.conflict).toBe(true);

    const overwrite = answer(app, 'overwrite');
    expect(await app.save()).toBe(true);
    await overwrite;
    expect(backend.files.get('/ws/c.flowgate.json')!.doc.name).toBe('mine');
    expect(app.session.state.conflict).toBe(false);
  });

  it('a save made while another is still on its way waits for it, so its own earlier write is no conflict', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    const first = answer(app, 'q');
    await app.save();
    await first;
    const dialogs: string[] = [];
    const unsub = app.ui.store.subscribe((s) => {
      if (!s.dialog) return;
      dialogs.push(s.dialog.kind);
      (s.dialog.resolve as (v: unknown) => void)('keep');
    });
    app.doc.edit((wf) => setProperties(wf, { name: 'one' }));
    const autosave = app.writeTo('/ws/q.flowgate.json', { auto: true });
    app.doc.edit((wf) => setProperties(wf, { name: 'two' }));
    const manual = app.save();
    expect(await autosave).toBe(true);
    expect(await manual).toBe(true);
    unsub();
    expect(dialogs).toEqual([]);
    expect(backend.files.get('/ws/q.flowgate.json')!.doc.name).toBe('two');
    expect(app.session.state).toMatchObject({ dirty: false, conflict: false });
  });

  it('on a conflict, "reopen" loads the file from disk', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    const first = answer(app, 'r');
    await app.save();
    await first;
    const disk = backend.files.get('/ws/r.flowgate.json')!;
    backend.files.set('/ws/r.flowgate.json', { doc: { ...disk.doc, name: 'theirs' }, mtimeMs: 999 });
    app.doc.edit((wf) => setProperties(wf, { name: 'mine' }));
    const reopen = answer(app, 'reopen');
    await app.save();
    await reopen;
    expect(app.doc.workflow!.name).toBe('theirs');
    expect(app.session.state).toMatchObject({ dirty: false, mtimeMs: 999, conflict: false });
  });

  it('asks before replacing unsaved changes, and Cancel keeps them', async () => {
    const { app } = await setup();
    await app.newBlank();
    app.addNodeAt('ai', { x: 0, y: 0 });
    const cancel = answer(app, 'cancel');
    await app.newBlank();
    expect(await cancel).toBe('unsaved');
    expect(app.doc.workflow!.nodes).toHaveLength(1);
    const discard = answer(app, 'discard');
    await app.closeToHome();
    await discard;
    expect(app.doc.workflow).toBeNull();
  });

  it('Save As names an untitled workflow after the file, as one undo step, before writing', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    app.addNodeAt('intake', { x: 0, y: 0 });
    const steps = app.doc.history.getState().pastStates.length;
    const asked = answer(app, 'Refund triage');
    expect(await app.saveAs()).toBe(true);
    await asked;
    expect(app.doc.workflow!.name).toBe('Refund triage');
    expect(backend.files.get('/ws/Refund triage.flowgate.json')!.doc.name).toBe('Refund triage');
    expect(app.session.state.dirty).toBe(false);
    expect(app.doc.history.getState().pastStates.length).toBe(steps + 1);
    app.doc.undo();
    expect(app.doc.workflow!.name).toBe('Untitled workflow');
    expect(app.doc.workflow!.nodes).toHaveLength(1);
  });

  it('Save As keeps a name the user gave, and names an empty one after the native dialog’s file', async () => {
    const named = await setup();
    await named.app.newBlank();
    named.app.doc.edit((wf) => setProperties(wf, { name: 'Refunds' }));
    const asked = answer(named.app, 'refunds-v2');
    await named.app.saveAs();
    await asked;
    expect(named.app.doc.workflow!.name).toBe('Refunds');
    expect(named.backend.files.get('/ws/refunds-v2.flowgate.json')!.doc.name).toBe('Refunds');

    const desktop = await setup('desktop');
    await desktop.app.newBlank();
    desktop.app.doc.edit((wf) => setProperties(wf, { name: '  ' }));
    await desktop.app.saveAs();
    expect(desktop.backend.files.get('/chosen/x.flowgate.json')!.doc.name).toBe('x');
  });

  it('Save As that is cancelled leaves the name alone', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    const asked = answer(app, null);
    expect(await app.saveAs()).toBe(false);
    await asked;
    expect(app.doc.workflow!.name).toBe('Untitled workflow');
    expect(backend.files.size).toBe(0);
  });

  it('a workflow from a template gets a fresh id and no path', async () => {
    const { app } = await setup();
    await app.newFromTemplate('support');
    expect(app.doc.workflow).toMatchObject({ id: 'uuid-1', name: 'Support ticket triage' });
    expect(app.session.state.path).toBeNull();
  });
});

describe('import', () => {
  it('refuses an invalid file with the JSON path and leaves the open workflow untouched', async () => {
    const { app } = await setup();
    await app.newBlank();
    app.addNodeAt('intake', { x: 0, y: 0 });
    const before = app.doc.workflow;
    const bad = { ...blankWorkflow('x'), nodes: [{ id: 'n1', kind: 'ai', label: 'A', position: { x: 0, y: 0 }, config: { task: 'dance' } }] };
    let seen: unknown;
    const unsub = app.ui.store.subscribe((s) => {
      if (s.dialog?.kind === 'importError') {
        seen = { path: s.dialog.path, lead: s.dialog.lead, detail: s.dialog.detail };
        unsub();
        s.dialog.resolve(null);
      }
    });
    expect(await app.importText('bad.json', JSON.stringify(bad))).toBe(false);
    expect(seen).toMatchObject({ path: '$.nodes[0].config.task', lead: 'This is a Flowgate workflow, but part of it is not valid, so it cannot be opened.', detail: expect.stringMatching(/\S/) });
    expect(app.doc.workflow).toBe(before);
  });

  it('opens an accepted file as a new unsaved workflow', async () => {
    const { app } = await setup();
    const wf = addNode(blankWorkflow('imp', 'Imported'), 'intake', { x: 1, y: 2 }).workflow;
    expect(await app.importText('ok.flowgate.json', serializeWorkflow(wf))).toBe(true);
    expect(app.doc.workflow).toMatchObject({ id: 'imp', name: 'Imported' });
    expect(app.session.state.path).toBeNull();
  });
});

describe('export', () => {
  it('offers the workflow as "<name>.flowgate.json" in browser mode', async () => {
    const { app, platform } = await setup();
    await app.newBlank();
    app.doc.edit((wf) => setProperties(wf, { name: 'Refund: triage' }));
    await app.run('file.export');
    expect(platform.downloads).toEqual(['Refund triage.flowgate.json']);
  });

  it('suggests "<name>.flowgate.json" in the desktop app’s save dialog', async () => {
    const { app, backend } = await setup('desktop');
    await app.newFromTemplate('support');
    await app.run('file.export');
    expect(backend.raw['dialog.saveFile']).toHaveBeenCalledWith({ suggestedName: 'Support ticket triage.flowgate.json', kind: 'json' });
    // A workflow file goes through workflow.save (validated, with a .bak), never file.writeText.
    expect(backend.raw['workflow.save']).toHaveBeenCalledWith({ path: '/chosen/x.flowgate.json', document: expect.objectContaining({ format: 'flowgate.workflow', name: 'Support ticket triage' }) });
    expect(backend.raw['file.writeText']).not.toHaveBeenCalled();
  });
});

describe('clipboard', () => {
  it('pastes copied nodes and their edge with fresh ids, in a free place, under names of their own, one undo step each', async () => {
    const { app, platform } = await setup();
    await app.newBlank();
    const a = app.addNodeAt('intake', { x: 0, y: 0 })!;
    const b = app.addNodeAt('end', { x: 300, y: 0 })!;
    const linked = connect(app.doc.workflow!, { source: a, sourceHandle: 'out', target: b });
    if (!linked.ok) throw new Error(linked.reason);
    app.doc.commit(linked.workflow);
    app.selectAll();
    app.copySelection();
    expect(platform.clip).toContain('flowgate.fragment');
    await app.paste();
    const wf = app.doc.workflow!;
    expect(wf.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(wf.nodes.map((n) => n.label)).toEqual(['Intake', 'End', 'Intake (copy)', 'End (copy)']);
    // The copies keep their shape, and none lies on another step.
    expect(wf.nodes[3].position.x - wf.nodes[2].position.x).toBe(300);
    expect(wf.nodes[3].position.y).toBe(wf.nodes[2].position.y);
    expect(overlapping(wf)).toEqual([]);
    expect(wf.edges.map((e) => [e.source, e.target])).toEqual([['n1', 'n2'], ['n3', 'n4']]);
    expect([...app.ui.state.selectedNodes]).toEqual(['n3', 'n4']);
    await app.paste();
    expect(app.doc.workflow!.nodes.map((n) => n.label).slice(4)).toEqual(['Intake (copy 2)', 'End (copy 2)']);
    expect(overlapping(app.doc.workflow!)).toEqual([]);
    app.doc.undo();
    app.doc.undo();
    expect(app.doc.workflow!.nodes).toHaveLength(2);
  });

  it('adds a step clicked in the palette next to the selection, never on top of another step', async () => {
    const { app } = await setup();
    await app.newBlank();
    for (let i = 0; i < 6; i++) app.addNodeAtCentre('ai');
    expect(app.doc.workflow!.nodes).toHaveLength(6);
    expect(overlapping(app.doc.workflow!)).toEqual([]);
  });

  it('ignores clipboard text that is not a valid fragment and uses its own clipboard', async () => {
    const { app, platform } = await setup();
    await app.newBlank();
    app.addNodeAt('ai', { x: 0, y: 0 });
    app.selectAll();
    app.copySelection();
    platform.clip = '{"format":"flowgate.fragment","nodes":[{"id":"x","kind":"bogus"}],"edges":[]}';
    await app.paste();
    expect(app.doc.workflow!.nodes.map((n) => n.kind)).toEqual(['ai', 'ai']);
  });

  it('cut removes the selection and a delete is one undo step', async () => {
    const { app } = await setup();
    await app.newBlank();
    app.addNodeAt('ai', { x: 0, y: 0 });
    app.addNodeAt('end', { x: 0, y: 0 });
    app.selectAll();
    await app.run('edit.cut');
    expect(app.doc.workflow!.nodes).toHaveLength(0);
    app.doc.undo();
    expect(app.doc.workflow!.nodes).toHaveLength(2);
  });
});

describe('connecting', () => {
  it('refuses an invalid connection with the reason and changes nothing', async () => {
    const { app } = await setup();
    await app.newBlank();
    const a = app.addNodeAt('end', { x: 0, y: 0 })!;
    const b = app.addNodeAt('intake', { x: 0, y: 0 })!;
    const before = app.doc.workflow;
    expect(app.tryConnect({ source: a, sourceHandle: null, target: b })).toBe(false);
    expect(app.ui.state.refusal?.text).toMatch(/end step/);
    expect(app.doc.workflow).toBe(before);
    expect(app.tryConnect({ source: b, sourceHandle: 'out', target: a })).toBe(true);
    expect(app.ui.state.refusal).toBeNull();
  });

  it('takes the refusal away after 6 s, or sooner when the selection changes', async () => {
    vi.useFakeTimers();
    const { app } = await setup();
    await app.newBlank();
    const a = app.addNodeAt('end', { x: 0, y: 0 })!;
    const b = app.addNodeAt('intake', { x: 300, y: 0 })!;
    app.tryConnect({ source: a, sourceHandle: null, target: b });
    await vi.advanceTimersByTimeAsync(3000);
    // A second refusal starts its own 6 s.
    app.tryConnect({ source: a, sourceHandle: null, target: a });
    expect(app.ui.state.refusal?.text).toMatch(/itself/);
    await vi.advanceTimersByTimeAsync(5999);
    expect(app.ui.state.refusal).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.ui.state.refusal).toBeNull();

    app.tryConnect({ source: a, sourceHandle: null, target: b });
    expect(app.ui.state.refusal).not.toBeNull();
    app.ui.select([a]);
    expect(app.ui.state.refusal).toBeNull();
  });
});

describe('building without dragging', () => {
  it('Add Next Step asks for one step with an output, then opens its picker', async () => {
    const { app } = await setup();
    await app.newBlank();
    await app.run('edit.addNext');
    expect(app.ui.state.refusal?.text).toBe('Select one step first: the next step is added after it.');
    app.addNodeAt('end', { x: 0, y: 0 });
    await app.run('edit.addNext');
    expect(app.ui.state.refusal?.text).toMatch(/end step finishes the workflow/);
    const ai = app.addNodeAt('ai', { x: 0, y: 300 })!;
    await app.run('edit.addNext');
    expect(app.nextStep.request).toEqual({ nodeId: ai, handle: null });
  });

  it('adds the next step linked from its output, right of it, never on another, one undo step each', async () => {
    const { app } = await setup();
    await app.newBlank();
    const ai = app.addNodeAt('ai', { x: 0, y: 0 })!;
    const first = app.addNextStep(ai, 'ok', 'approval')!;
    const second = app.addNextStep(ai, 'low_confidence', 'escalation')!;
    const third = app.addNextStep(ai, 'error', 'escalation')!;
    const wf = app.doc.workflow!;
    expect(wf.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
      [ai, 'ok', first],
      [ai, 'low_confidence', second],
      [ai, 'error', third],
    ]);
    for (const id of [first, second, third]) expect(wf.nodes.find((n) => n.id === id)!.position.x).toBeGreaterThanOrEqual(240);
    expect(overlapping(wf)).toEqual([]);
    expect([...app.ui.state.selectedNodes]).toEqual([third]);
    app.doc.undo();
    expect(app.doc.workflow!.nodes.map((n) => n.id)).toEqual([ai, first, second]);
    // An intake cannot follow: refused with the reason, nothing added.
    expect(app.addNextStep(ai, 'error', 'intake')).toBeNull();
    expect(app.ui.state.refusal?.text).toMatch(/intake starts the workflow/);
  });

  it('quick find shows a step, adds a kind in a free place, or runs a command', async () => {
    const { app } = await setup();
    await app.newBlank();
    void answer(app, { type: 'add', kind: 'intake' });
    await app.run('edit.quickFind');
    const [intake] = app.doc.workflow!.nodes;
    expect(intake.kind).toBe('intake');
    expect([...app.ui.state.selectedNodes]).toEqual([intake.id]);
    void answer(app, { type: 'add', kind: 'ai' });
    await app.run('edit.quickFind');
    expect(overlapping(app.doc.workflow!)).toEqual([]);
    void answer(app, { type: 'step', id: intake.id });
    await app.run('edit.quickFind');
    expect([...app.ui.state.selectedNodes]).toEqual([intake.id]);
    void answer(app, { type: 'command', id: 'edit.selectAll' });
    await app.run('edit.quickFind');
    expect(app.ui.state.selectedNodes.size).toBe(2);
    void answer(app, null);
    await app.run('edit.quickFind');
    expect(app.ui.state.selectedNodes.size).toBe(2);
  });

  it('adds a sticky note, selected; Delete removes it and undo brings it back', async () => {
    const { app } = await setup();
    await app.newBlank();
    await app.run('edit.addNote');
    expect(app.doc.workflow!.notes).toEqual([expect.objectContaining({ id: 'note1', text: '' })]);
    expect([...app.ui.state.selectedNodes]).toEqual(['note:note1']);
    await app.run('edit.delete');
    expect(app.doc.workflow!.notes).toBeUndefined();
    app.doc.undo();
    expect(app.doc.workflow!.notes).toHaveLength(1);
  });

  it('Auto-Layout places the steps with ELK and keeps the route of every link; undo puts them back', async () => {
    const backend = fakeBackend();
    const app = createController(backend.api, fakePlatform(), { elk: new ELK() as unknown as ElkLike });
    app.setInfo(await backend.api['app.info']({}));
    await app.newBlank();
    app.doc.commit(template('support-ticket-triage'));
    const before = app.doc.workflow!;
    await app.run('view.layout');
    const after = app.doc.workflow!;
    expect(after).not.toBe(before);
    expect(overlapping(after)).toEqual([]);
    expect([...app.routing.routes.routes.keys()].sort()).toEqual(after.edges.map((e) => e.id).sort());
    app.doc.undo();
    expect(app.doc.workflow).toBe(before);
    // With simple links: dagre, and no new routes.
    app.routing.routes.clear();
    await app.run('view.layoutSimple');
    expect(app.routing.routes.routes.size).toBe(0);
    expect(app.doc.workflow).not.toBe(before);
  });
});

describe('Auto-Layout when ELK fails', () => {
  it('lays the workflow out with simple links and says why', async () => {
    const backend = fakeBackend();
    const failing: ElkLike = { layout: () => Promise.reject(new Error('the layout worker stopped')) };
    const app = createController(backend.api, fakePlatform(), { elk: failing });
    app.setInfo(await backend.api['app.info']({}));
    await app.newBlank();
    app.doc.commit(template('support-ticket-triage'));
    const before = app.doc.workflow!;
    await app.run('view.layout');
    expect(app.doc.workflow).not.toBe(before);
    expect(app.routing.routes.routes.size).toBe(0);
    expect(app.ui.state.toasts.map((t) => `${t.tone}: ${t.text}`)).toEqual([
      'warn: Links could not be routed around steps (the layout worker stopped); the workflow is laid out with simple links.',
    ]);
  });
});

describe('quick fixes', () => {
  it('an inserted approval is selected and revealed, so its reviewer can be typed at once', async () => {
    const { app } = await setup();
    const reveal = vi.fn();
    app.setCanvas({ reveal } as unknown as CanvasHandle);
    await app.newBlank();
    // The support template with "Draft reply" (n7) leading straight to "Send reply" (n9).
    const wf = template('support-ticket-triage');
    const removed = removeElements(wf, ['n8']);
    app.doc.commit({ ...removed, edges: [...removed.edges, { id: 'e99', source: 'n7', sourceHandle: 'ok', target: 'n9' }] });
    app.analysis.flush();
    const finding = app.analysis.state.result.findings.find((f) => f.ruleId === 'gate/missing-approval' && f.nodeId === 'n9')!;
    const steps = app.doc.history.getState().pastStates.length;

    app.applyFix(finding, 0);
    const gate = app.doc.workflow!.nodes.find((n) => n.kind === 'approval')!;
    expect([...app.ui.state.selectedNodes]).toEqual([gate.id]);
    expect(app.ui.state.tab).toBe('inspector');
    expect(reveal).toHaveBeenCalledWith({ nodeId: gate.id });
    expect(app.doc.history.getState().pastStates.length).toBe(steps + 1);
  });

  it('a fix that adds no step leaves the selection alone', async () => {
    const { app } = await setup();
    await app.newBlank();
    const wf = template('support-ticket-triage');
    app.doc.commit({ ...wf, connections: wf.connections.map((c) => (c.id === 'helpdesk' ? { ...c, grants: c.grants.filter((g) => g !== 'tickets.reply') } : c)) });
    app.ui.select(['n2']);
    app.analysis.flush();
    app.applyFix(app.analysis.state.result.findings[0], 0);
    expect(app.analysis.state.result.findings).toEqual([]);
    expect([...app.ui.state.selectedNodes]).toEqual(['n2']);
  });
});
