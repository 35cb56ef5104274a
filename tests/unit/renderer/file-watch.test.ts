// The watch on the open file: what each answer of workflow.stat does to the open document.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setProperties } from '../../../shared/model/edits/workflow';
import type { Result } from '../../../shared/api/contract';
import { answer, nextDialog, openSaved, setup, toasts } from './recovery-fakes';

afterEach(() => vi.useRealTimers());

const PATH = '/ws/refunds.flowgate.json';
const rename = (name: string) => (wf: Parameters<typeof setProperties>[0]) => setProperties(wf, { name });

async function opened() {
  const { app, backend } = await setup();
  await openSaved(app, backend, PATH);
  return { app, backend };
}

describe('checking the open file', () => {
  it('takes a new mtime with the same bytes silently', async () => {
    const { app, backend } = await opened();
    backend.external.touch(PATH);
    await app.fileWatch.check();
    expect(app.session.state.mtimeMs).toBe(backend.external.mtime(PATH));
    expect(app.ui.state.dialog).toBeNull();
    expect(toasts(app)).toEqual([]);
    // The next save carries the new mtime and is not refused.
    app.doc.edit(rename('Mine'));
    expect(await app.save()).toBe(true);
    expect(app.ui.state.dialog).toBeNull();
  });

  it('reloads a file changed by another program when there are no unsaved changes', async () => {
    const { app, backend } = await opened();
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });
    await app.fileWatch.check();
    expect(app.doc.workflow!.name).toBe('Theirs');
    expect(app.session.state).toMatchObject({ dirty: false, mtimeMs: backend.external.mtime(PATH), conflict: false });
    expect(toasts(app)).toEqual(['Reloaded Theirs: it was changed by another program']);
  });

  it('with unsaved changes, stops autosave and asks once; Keep mine makes the next save ask, then overwrite', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });

    const keep = answer(app, 'keep');
    await app.fileWatch.check();
    expect(await keep).toEqual({ kind: 'fileChanged', path: PATH });
    expect(app.doc.workflow!.name).toBe('Mine');
    expect(app.session.state).toMatchObject({ dirty: true, conflict: true });

    // The same version on disk is not asked about twice.
    await app.fileWatch.check();
    expect(app.ui.state.dialog).toBeNull();

    const overwrite = answer(app, 'overwrite');
    expect(await app.save()).toBe(true);
    expect((await overwrite).kind).toBe('conflict');
    expect(backend.raw['workflow.save']).toHaveBeenLastCalledWith(expect.objectContaining({ path: PATH, overwrite: true }));
    expect(backend.external.read(PATH)!.name).toBe('Mine');
    expect(app.session.state.conflict).toBe(false);
  });

  it('asks again when the file changes once more after Keep mine', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });
    const keep = answer(app, 'keep');
    await app.fileWatch.check();
    await keep;
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs again' });
    const asked = answer(app, 'keep');
    await app.fileWatch.check();
    expect((await asked).kind).toBe('fileChanged');
  });

  it('Reload theirs drops the unsaved changes and loads the file', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });
    const reload = answer(app, 'reload');
    await app.fileWatch.check();
    await reload;
    expect(app.doc.workflow!.name).toBe('Theirs');
    expect(app.session.state).toMatchObject({ dirty: false, conflict: false });
  });

  it('does not ask again about a version a refused save already asked about', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });
    const keep = answer(app, 'keep');
    expect(await app.save()).toBe(false);
    expect((await keep).kind).toBe('conflict');
    await app.fileWatch.check();
    expect(app.ui.state.dialog).toBeNull();
  });

  it('shows the missing-file state and pauses autosave when the file is gone; Save writes it again', async () => {
    const { app, backend } = await opened();
    backend.external.remove(PATH);
    await app.fileWatch.check();
    expect(app.fileWatch.store.getState().missing).toBe(PATH);
    expect(app.session.state.conflict).toBe(true);
    expect(app.ui.state.dialog).toBeNull();

    expect(await app.save()).toBe(true);
    expect(backend.external.read(PATH)!.name).toBe('Refund triage');
    expect(app.fileWatch.store.getState().missing).toBeNull();
    expect(app.session.state.conflict).toBe(false);
  });

  it('resumes when a missing file comes back unchanged', async () => {
    const { app, backend } = await opened();
    const text = backend.external.read(PATH)!;
    backend.external.remove(PATH);
    await app.fileWatch.check();
    backend.external.write(PATH, text);
    await app.fileWatch.check();
    expect(app.fileWatch.store.getState().missing).toBeNull();
    expect(app.session.state.conflict).toBe(false);
  });

  it('ignores an answer when a save started after the question was sent', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    let reply!: (r: Result<'workflow.stat'>) => void;
    backend.raw['workflow.stat'].mockImplementationOnce(() => new Promise((r) => (reply = r)));
    const checking = app.fileWatch.check();
    expect(await app.save()).toBe(true);
    // A stale answer: the file "changed" compared with the version before the save.
    reply({ exists: true, mtimeMs: 1, changed: true });
    await checking;
    expect(app.ui.state.dialog).toBeNull();
    expect(app.session.state).toMatchObject({ conflict: false, dirty: false });
    expect(app.doc.workflow!.name).toBe('Mine');
  });

  it('ignores an answer when a save started after the question was sent, even one that failed', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    let reply!: (r: Result<'workflow.stat'>) => void;
    backend.raw['workflow.stat'].mockImplementationOnce(() => new Promise((r) => (reply = r)));
    backend.raw['workflow.save'].mockRejectedValueOnce(new Error('the disk is full'));
    const checking = app.fileWatch.check();
    expect(await app.save()).toBe(false);
    reply({ exists: true, mtimeMs: 1, changed: true });
    await checking;
    expect(app.ui.state.dialog).toBeNull();
    expect(app.session.state.conflict).toBe(false);
  });

  it('never replaces an open dialog', async () => {
    const { app, backend } = await opened();
    app.doc.edit(rename('Mine'));
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });
    const settings = app.ui.ask({ kind: 'settings' });
    await app.fileWatch.check();
    expect(app.ui.state.dialog?.kind).toBe('settings');
    expect(backend.raw['workflow.stat']).not.toHaveBeenCalled();
    app.ui.dismissDialog();
    await settings;
    const asked = nextDialog(app);
    const checking = app.fileWatch.check();
    const dialog = await asked;
    expect(dialog.kind).toBe('fileChanged');
    (dialog.resolve as (v: unknown) => void)('keep');
    await checking;
  });
});

describe('polling', () => {
  it('checks every 5 s while the page is visible and the document has a path', async () => {
    vi.useFakeTimers();
    const { app, backend } = await opened();
    let visible = true;
    app.fileWatch.start(() => visible);
    await vi.advanceTimersByTimeAsync(4999);
    expect(backend.raw['workflow.stat']).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(backend.raw['workflow.stat']).toHaveBeenCalledWith({ path: PATH, expectedMtimeMs: app.session.state.mtimeMs });

    visible = false;
    backend.raw['workflow.stat'].mockClear();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(backend.raw['workflow.stat']).not.toHaveBeenCalled();

    visible = true;
    await app.newBlank();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(backend.raw['workflow.stat']).not.toHaveBeenCalled();
    app.fileWatch.stop();
  });

  it('picks up a change on disk by itself', async () => {
    vi.useFakeTimers();
    const { app, backend } = await opened();
    app.fileWatch.start();
    backend.external.write(PATH, { ...backend.external.read(PATH)!, name: 'Theirs' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(app.doc.workflow!.name).toBe('Theirs');
    app.fileWatch.stop();
  });
});
