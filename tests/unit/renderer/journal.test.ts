// Crash recovery in the renderer: the journal is written while there are unsaved changes, discarded
// when they are saved or dropped; at start, what a crash left is offered and can be restored.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blankWorkflow, setProperties } from '../../../shared/model/edits/workflow';
import { createController } from '../../../renderer/src/app/controller';
import { answerLiveKeyQueries, liveKeysOfOtherTabs } from '../../../renderer/src/app/live-sessions';
import { answer, fakePlatform, nextDialog, openSaved, setup, toasts } from './recovery-fakes';

afterEach(() => vi.useRealTimers());

const rename = (name: string) => (wf: Parameters<typeof setProperties>[0]) => setProperties(wf, { name });

describe('writing the journal', () => {
  it('writes every 3 s only while the document has unsaved changes that are not in the journal yet', async () => {
    vi.useFakeTimers();
    const { app, backend } = await setup();
    await app.newBlank();
    app.journal.start();
    await vi.advanceTimersByTimeAsync(9000);
    expect(backend.raw['journal.write']).not.toHaveBeenCalled();

    app.doc.edit(rename('Draft'));
    await vi.advanceTimersByTimeAsync(2999);
    expect(backend.raw['journal.write']).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.raw['journal.write']).toHaveBeenCalledTimes(1);
    expect(backend.raw['journal.write'].mock.calls[0][0]).toEqual({ key: app.journal.key, path: null, document: app.doc.workflow, savedAt: null });

    // Nothing new: no rewrite.
    await vi.advanceTimersByTimeAsync(9000);
    expect(backend.raw['journal.write']).toHaveBeenCalledTimes(1);

    app.doc.edit(rename('Draft 2'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(backend.raw['journal.write']).toHaveBeenCalledTimes(2);
    expect(backend.journal.get(app.journal.key)!.document.name).toBe('Draft 2');
    app.journal.stop();
  });

  it('does not write in the middle of a node drag', async () => {
    vi.useFakeTimers();
    const { app, backend } = await setup();
    await app.newBlank();
    app.addNodeAt('intake', { x: 0, y: 0 });
    const id = app.doc.workflow!.nodes[0].id;
    await app.journal.write();
    backend.raw['journal.write'].mockClear();
    app.journal.start();
    app.doc.beginDrag();
    app.doc.dragTo((wf) => ({ ...wf, nodes: wf.nodes.map((n) => (n.id === id ? { ...n, position: { x: 50, y: 50 } } : n)) }));
    await vi.advanceTimersByTimeAsync(6000);
    expect(backend.raw['journal.write']).not.toHaveBeenCalled();
    app.doc.endDrag();
    await vi.advanceTimersByTimeAsync(3000);
    expect(backend.raw['journal.write']).toHaveBeenCalledTimes(1);
    expect(backend.journal.get(app.journal.key)!.document.nodes[0].position).toEqual({ x: 50, y: 50 });
    app.journal.stop();
  });

  it('records the file and the version the edits started from, and discards the copy after every save', async () => {
    vi.useFakeTimers();
    const { app, backend } = await setup();
    await openSaved(app, backend, '/ws/refunds.flowgate.json');
    const mtime = app.session.state.mtimeMs;
    app.journal.start();
    app.doc.edit(rename('Refunds, edited'));
    await vi.advanceTimersByTimeAsync(3000);
    const key = app.journal.key;
    expect(backend.journal.get(key)).toMatchObject({ path: '/ws/refunds.flowgate.json', savedAt: mtime });

    expect(await app.save()).toBe(true);
    expect(backend.raw['journal.discard']).toHaveBeenLastCalledWith({ key });
    expect(backend.journal.size).toBe(0);
    // Clean after the save: nothing to keep.
    await vi.advanceTimersByTimeAsync(6000);
    expect(backend.raw['journal.write']).toHaveBeenCalledTimes(1);

    // New changes are kept again, under the same key and the new version.
    app.doc.edit(rename('Refunds, edited again'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(backend.journal.get(key)).toMatchObject({ savedAt: app.session.state.mtimeMs });
    app.journal.stop();
  });

  it('discards the copy when the changes are dropped, and gives the next document a new key', async () => {
    const { app, backend } = await setup();
    await app.newBlank();
    app.doc.edit(rename('Never kept'));
    await app.journal.write();
    const first = app.journal.key;
    expect(backend.journal.has(first)).toBe(true);

    // Cancel keeps both the document and its copy.
    const cancel = answer(app, 'cancel');
    await app.closeToHome();
    expect((await cancel).kind).toBe('unsaved');
    expect(backend.journal.has(first)).toBe(true);
    expect(app.journal.key).toBe(first);

    const discard = answer(app, 'discard');
    await app.newBlank();
    await discard;
    expect(backend.raw['journal.discard']).toHaveBeenCalledWith({ key: first });
    expect(backend.journal.size).toBe(0);
    expect(app.journal.key).not.toBe(first);
  });

  it('shows one toast however often writing fails, and one again after it worked in between', async () => {
    vi.useFakeTimers();
    const { app, backend } = await setup();
    await app.newBlank();
    app.journal.start();
    backend.failJournal('the disk is full');
    for (let i = 0; i < 4; i++) {
      app.doc.edit(rename(`Attempt ${i}`));
      await vi.advanceTimersByTimeAsync(3000);
    }
    expect(backend.raw['journal.write']).toHaveBeenCalledTimes(4);
    const failures = () => toasts(app).filter((t) => t.startsWith('Could not keep a recovery copy'));
    expect(failures()).toEqual(['Could not keep a recovery copy: the disk is full']);

    backend.failJournal(null);
    await vi.advanceTimersByTimeAsync(3000);
    expect(backend.journal.get(app.journal.key)!.document.name).toBe('Attempt 3');
    backend.failJournal('the disk is full');
    app.doc.edit(rename('Later'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(failures()).toHaveLength(2);
    app.journal.stop();
  });
});

describe('restoring after a crash', () => {
  /** What a crashed session left: a saved file with edits only in the journal. */
  async function crashed() {
    const before = await setup();
    await openSaved(before.app, before.backend, '/ws/refunds.flowgate.json');
    before.app.doc.edit(rename('Refunds with unsaved edits'));
    await before.app.journal.write();
    const key = before.app.journal.key;
    const savedAt = before.app.session.state.mtimeMs;
    // A fresh app over the same backend: the next start.
    const app = createController(before.backend.api, fakePlatform(), { autosaveMs: 600_000 });
    app.setInfo(await before.backend.api['app.info']({}));
    return { app, backend: before.backend, key, savedAt };
  }

  it('offers what is left, and Restore opens it as unsaved with its file, version and key', async () => {
    const { app, backend, key, savedAt } = await crashed();
    const leftovers = await app.recovery.leftovers();
    expect(leftovers.map((e) => e.key)).toEqual([key]);
    const shown = nextDialog(app);
    const offered = app.recovery.offer(leftovers);
    const dialog = await shown;
    expect(dialog).toMatchObject({ kind: 'restore', entries: [{ key, name: 'Refunds with unsaved edits', path: '/ws/refunds.flowgate.json' }] });
    backend.raw['journal.write'].mockClear();
    (dialog.resolve as (v: unknown) => void)({ action: 'restore', key });
    await offered;

    expect(app.doc.workflow!.name).toBe('Refunds with unsaved edits');
    expect(app.session.state).toMatchObject({ path: '/ws/refunds.flowgate.json', mtimeMs: savedAt, dirty: true, conflict: false });
    expect(app.journal.key).toBe(key);
    // Taken over at once, under the same key.
    expect(backend.raw['journal.write']).toHaveBeenCalledWith(expect.objectContaining({ key, path: '/ws/refunds.flowgate.json', savedAt }));
    expect(toasts(app)).toEqual([]);

    // Saving writes the edits and ends the recovery copy.
    expect(await app.save()).toBe(true);
    expect(backend.external.read('/ws/refunds.flowgate.json')!.name).toBe('Refunds with unsaved edits');
    expect(backend.journal.size).toBe(0);
  });

  it('warns when the file changed on disk after the edits, and the save then asks before overwriting', async () => {
    const { app, backend, key } = await crashed();
    const theirs = { ...backend.external.read('/ws/refunds.flowgate.json')!, name: 'Changed elsewhere' };
    backend.external.write('/ws/refunds.flowgate.json', theirs);
    const restore = answer(app, { action: 'restore', key });
    await app.recovery.offer(await app.recovery.leftovers());
    await restore;
    expect(toasts(app)).toContain('The file changed on disk after these edits; saving will ask before overwriting');
    expect(app.session.state.conflict).toBe(true);

    const asked = answer(app, 'overwrite');
    expect(await app.save()).toBe(true);
    expect((await asked).kind).toBe('conflict');
    expect(backend.raw['workflow.save']).toHaveBeenLastCalledWith(expect.objectContaining({ overwrite: true }));
    expect(backend.external.read('/ws/refunds.flowgate.json')!.name).toBe('Refunds with unsaved edits');
  });

  it('says when the file is gone; Save writes it again', async () => {
    const { app, backend, key } = await crashed();
    backend.external.remove('/ws/refunds.flowgate.json');
    const restore = answer(app, { action: 'restore', key });
    await app.recovery.offer(await app.recovery.leftovers());
    await restore;
    expect(toasts(app)).toContain('The file is gone; Save writes it again');
    expect(await app.save()).toBe(true);
    expect(backend.external.read('/ws/refunds.flowgate.json')!.name).toBe('Refunds with unsaved edits');
  });

  it('Discard removes one entry and asks about the rest; Decide later keeps them', async () => {
    const { app, backend } = await setup();
    // Two sessions that crashed, never saved.
    for (const [key, name] of [['a1', 'First'], ['b2', 'Second']]) {
      await backend.api['journal.write']({ key, path: null, document: { ...blankWorkflow(key), name }, savedAt: null });
    }
    const entries = await app.recovery.leftovers();
    expect(entries).toHaveLength(2);

    const first = nextDialog(app);
    const offered = app.recovery.offer(entries);
    const d1 = await first;
    (d1.resolve as (v: unknown) => void)({ action: 'discard', key: entries[0].key });
    const d2 = await nextDialog(app);
    expect(d2).toMatchObject({ kind: 'restore', entries: [{ key: entries[1].key }] });
    expect(backend.journal.has(entries[0].key)).toBe(false);
    app.ui.dismissDialog();
    await offered;
    expect(backend.journal.has(entries[1].key)).toBe(true);
  });

  it('asks about unsaved changes in what is open before restoring over it; Cancel asks about the restore again', async () => {
    const { app, key } = await crashed();
    await app.newBlank();
    app.doc.edit(rename('Open right now'));
    const entries = await app.recovery.leftovers();

    const offered = app.recovery.offer(entries);
    const restore = await nextDialog(app);
    (restore.resolve as (v: unknown) => void)({ action: 'restore', key });
    const unsaved = await nextDialog(app);
    expect(unsaved).toMatchObject({ kind: 'unsaved', action: 'restore another workflow' });
    (unsaved.resolve as (v: unknown) => void)('cancel');
    const again = await nextDialog(app);
    expect(again.kind).toBe('restore');
    expect(app.doc.workflow!.name).toBe('Open right now');
    (again.resolve as (v: unknown) => void)(null);
    await offered;
    expect(app.doc.workflow!.name).toBe('Open right now');
  });
});

describe('sessions still open in other tabs', () => {
  it('are not offered for restoring; what a closed tab left is', async () => {
    const { app, backend } = await setup();
    for (const key of ['open-elsewhere', 'left-behind']) {
      await backend.api['journal.write']({ key, path: null, document: blankWorkflow(key), savedAt: null });
    }
    const stop = answerLiveKeyQueries(() => 'open-elsewhere');
    try {
      const offered = await app.recovery.leftovers(() => liveKeysOfOtherTabs(100));
      expect(offered.map((e) => e.key)).toEqual(['left-behind']);
    } finally {
      stop();
    }
    const afterClose = await app.recovery.leftovers(() => liveKeysOfOtherTabs(100));
    expect(afterClose.map((e) => e.key).sort()).toEqual(['left-behind', 'open-elsewhere']);
  });
});

describe('a recent file that is gone', () => {
  it('offers to remove it from the recent list', async () => {
    const { app, backend } = await setup();
    await openSaved(app, backend, '/ws/gone.flowgate.json');
    await app.closeToHome();
    backend.external.remove('/ws/gone.flowgate.json');
    const asked = answer(app, 'remove');
    expect(await app.openPath('/ws/gone.flowgate.json')).toBe(false);
    expect(await asked).toMatchObject({ kind: 'notFound', path: '/ws/gone.flowgate.json' });
    expect(backend.raw['recent.remove']).toHaveBeenCalledWith({ path: '/ws/gone.flowgate.json' });
    expect(app.recent.store.getState().version).toBe(1);
    expect(app.ui.state.toasts.filter((t) => t.tone === 'error')).toEqual([]);
  });

  it('reports a missing file that is not on the recent list as an error', async () => {
    const { app, backend } = await setup();
    expect(await app.openPath('/ws/never.flowgate.json')).toBe(false);
    expect(app.ui.state.dialog).toBeNull();
    expect(toasts(app)).toEqual(['Could not open never.flowgate.json: /ws/never.flowgate.json does not exist.']);
    expect(backend.raw['recent.remove']).not.toHaveBeenCalled();
  });
});
