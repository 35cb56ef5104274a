import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import type { Api } from '../../../shared/api/contract';
import { createOriginPolicy } from '../../../electron/main/app-origin';
import { CALL, NATIVE_EDIT, SET_DIRTY } from '../../../electron/main/channels';
import { registerIpc } from '../../../electron/main/ipc';
import { createSenderCheck } from '../../../electron/main/trusted-sender';
import { FakeIpcMain, FakeWebContents, type FakeFrame } from './fake-electron';

const page = 'app://flowgate/index.html';

/** A backend where only the methods these tests call do anything; the rest must never be reached. */
function fakeBackend() {
  const unexpected = () => Promise.reject(new Error('not expected in this test'));
  const handler = new Proxy({} as Record<string, unknown>, { get: (t, k) => t[k as string] ?? unexpected });
  return Object.assign(handler, {
    'settings.get': vi.fn(async () => ({ theme: 'dark' as const })),
    'recent.remove': vi.fn(async () => ({})),
    'dialog.saveFile': vi.fn(async () => ({ path: '/home/me/x.svg' })),
  }) as unknown as Api & Record<'settings.get' | 'recent.remove' | 'dialog.saveFile', ReturnType<typeof vi.fn>>;
}

let ipc: FakeIpcMain;
let wc: FakeWebContents;
let backend: ReturnType<typeof fakeBackend>;
let dirty: [number, boolean][];
let dispose: () => void;

/** An IPC event as Electron would build it for a message from `frame` of `sender`. */
function eventFrom(sender: FakeWebContents, frame: FakeFrame | null = sender.mainFrame) {
  return { sender, senderFrame: frame };
}

beforeEach(() => {
  ipc = new FakeIpcMain();
  wc = new FakeWebContents();
  wc.mainFrame.url = page;
  backend = fakeBackend();
  dirty = [];
  const ours = new Set<unknown>([wc]);
  dispose = registerIpc({
    ipcMain: ipc as unknown as IpcMain,
    backend,
    isTrusted: createSenderCheck(createOriginPolicy('app'), (x: WebContents) => ours.has(x)),
    onDirty: (id, d) => dirty.push([id, d]),
  });
});

describe('flowgate:call', () => {
  it('runs a valid call from our window through the backend', async () => {
    await expect(ipc.invoke(CALL, eventFrom(wc), 'settings.get', {})).resolves.toEqual({ ok: true, result: { theme: 'dark' } });
    await expect(ipc.invoke(CALL, eventFrom(wc), 'recent.remove', { path: '/a/b.flowgate.json' })).resolves.toEqual({ ok: true, result: {} });
    expect(backend['recent.remove']).toHaveBeenCalledWith({ path: '/a/b.flowgate.json' });
  });

  it('answers bad params with a bad-request envelope naming the field, without calling the backend', async () => {
    const r = await ipc.invoke(CALL, eventFrom(wc), 'recent.remove', { path: 42 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((r as { error: { message: string } }).error.message).toContain('path');
    const extra = await ipc.invoke(CALL, eventFrom(wc), 'settings.get', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const kind = await ipc.invoke(CALL, eventFrom(wc), 'dialog.saveFile', { suggestedName: 'x', kind: 'exe' });
    expect(kind).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(backend['recent.remove']).not.toHaveBeenCalled();
    expect(backend['settings.get']).not.toHaveBeenCalled();
    expect(backend['dialog.saveFile']).not.toHaveBeenCalled();
  });

  it('answers unknown or malformed method names with bad-request', async () => {
    await expect(ipc.invoke(CALL, eventFrom(wc), 'fs.deleteEverything', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(ipc.invoke(CALL, eventFrom(wc), '__proto__', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(ipc.invoke(CALL, eventFrom(wc), { method: 'settings.get' }, {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses a call from a subframe of our window', async () => {
    const iframe: FakeFrame = { url: page, parent: wc.mainFrame, processId: 7, routingId: 999 };
    const r = await ipc.invoke(CALL, eventFrom(wc, iframe), 'settings.get', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/refused/) } });
    expect(backend['settings.get']).not.toHaveBeenCalled();
  });

  it('refuses a call from our window once it shows another page', async () => {
    wc.mainFrame.url = 'https://evil.example/';
    await expect(ipc.invoke(CALL, eventFrom(wc), 'settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    wc.mainFrame.url = pathToFileURL('/home/me/Downloads/evil.html').href;
    await expect(ipc.invoke(CALL, eventFrom(wc), 'settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(backend['settings.get']).not.toHaveBeenCalled();
  });

  it('refuses a call from a webContents that is not one of our windows, or from a vanished frame', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = page;
    await expect(ipc.invoke(CALL, eventFrom(stranger), 'settings.get', {})).resolves.toMatchObject({ ok: false });
    await expect(ipc.invoke(CALL, eventFrom(wc, null), 'settings.get', {})).resolves.toMatchObject({ ok: false });
    expect(backend['settings.get']).not.toHaveBeenCalled();
  });

  it('shows trusted calls to onCall before dispatching them, and untrusted ones never', async () => {
    const seen: unknown[] = [];
    const local = new FakeIpcMain();
    const ours = new Set<unknown>([wc]);
    registerIpc({
      ipcMain: local as unknown as IpcMain,
      backend,
      isTrusted: createSenderCheck(createOriginPolicy('app'), (x: WebContents) => ours.has(x)),
      onDirty: () => {},
      onCall: (id, method, params) => seen.push([id, method, params]),
    });
    await local.invoke(CALL, eventFrom(wc), 'settings.get', {});
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = page;
    await local.invoke(CALL, eventFrom(stranger), 'settings.get', {});
    expect(seen).toEqual([[wc.id, 'settings.get', {}]]);
  });

  it('removes its handlers when disposed', () => {
    dispose();
    expect(ipc.handlers.has(CALL)).toBe(false);
    ipc.emit(SET_DIRTY, eventFrom(wc), true);
    expect(dirty).toEqual([]);
  });
});

describe('flowgate:set-dirty', () => {
  it('records the state reported by our window', () => {
    ipc.emit(SET_DIRTY, eventFrom(wc), true);
    ipc.emit(SET_DIRTY, eventFrom(wc), false);
    expect(dirty).toEqual([
      [wc.id, true],
      [wc.id, false],
    ]);
  });

  it('ignores non-booleans and untrusted senders', () => {
    ipc.emit(SET_DIRTY, eventFrom(wc), 'yes');
    const iframe: FakeFrame = { url: page, parent: wc.mainFrame, processId: 7, routingId: 999 };
    ipc.emit(SET_DIRTY, eventFrom(wc, iframe), true);
    expect(dirty).toEqual([]);
  });
});

describe('flowgate:native-edit', () => {
  it('runs a text-editing operation on the sending page', () => {
    ipc.emit(NATIVE_EDIT, eventFrom(wc), 'paste');
    expect(wc.paste).toHaveBeenCalledOnce();
  });

  it('runs nothing outside the list of editing operations', () => {
    ipc.emit(NATIVE_EDIT, eventFrom(wc), 'executeJavaScript');
    ipc.emit(NATIVE_EDIT, eventFrom(wc), 'send');
    expect(wc.executeJavaScript).not.toHaveBeenCalled();
    expect(wc.sent).toEqual([]);
    const iframe: FakeFrame = { url: page, parent: wc.mainFrame, processId: 7, routingId: 999 };
    ipc.emit(NATIVE_EDIT, eventFrom(wc, iframe), 'copy');
    expect(wc.copy).not.toHaveBeenCalled();
  });
});
