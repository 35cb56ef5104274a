// The main process's lifecycle (electron/main/index.ts) against a fake Electron and a fake backend:
// what gets created at startup, and how the pieces are connected.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { CALL, COMMAND, OPEN_FILE, SET_DIRTY } from '../../../electron/main/channels';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { FakeBrowserWindow, FakeWebContents, createFakeElectron } from './fake-electron';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** Loads electron/main/index.ts afresh against a new fake Electron and a fake backend. */
async function startMain(options: { gotLock?: boolean } = {}) {
  vi.resetModules();
  FakeBrowserWindow.created.length = 0;
  FakeBrowserWindow.focused = null;
  const electron = createFakeElectron();
  electron.app.gotLock = options.gotLock ?? true;
  const recent = [{ path: '/home/me/plans/support.flowgate.json', name: 'Support triage', openedAt: '2026-01-01T00:00:00.000Z', exists: true }];
  const backend = {
    'settings.get': vi.fn(async () => ({ theme: 'light' })),
    'recent.list': vi.fn(async () => recent),
    'recent.remove': vi.fn(async () => ({})),
    'journal.write': vi.fn(async () => ({})),
    'journal.discard': vi.fn(async () => ({})),
    close: vi.fn(async () => {}),
  };
  const createBackend = vi.fn(async (_options: unknown) => backend);
  vi.doMock('electron', () => electron);
  vi.doMock('../../../electron/backend/backend', () => ({ createBackend }));
  await import('../../../electron/main/index');
  await settle();
  return { electron, createBackend, backend, windows: FakeBrowserWindow.created };
}

function mainFrameEvent(win: FakeBrowserWindow) {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

beforeEach(() => vi.stubEnv('ELECTRON_RENDERER_URL', ''));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.doUnmock('electron');
  vi.doUnmock('../../../electron/backend/backend');
});

describe('main process startup', () => {
  it('creates the desktop backend with the app folders and one hardened window', async () => {
    const { electron, createBackend, windows } = await startMain();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(createBackend).toHaveBeenCalledOnce();
    expect(createBackend.mock.calls[0][0]).toMatchObject({
      mode: 'desktop',
      dataDir: '/tmp/flowgate-user',
      workspaceDir: path.join('/tmp/flowgate-docs', 'Flowgate'),
      resourcesDir: path.join('/repo', 'resources'),
      version: '9.8.7',
      dialogs: { openFile: expect.any(Function), saveFile: expect.any(Function) },
    });
    expect(windows).toHaveLength(1);
    expect(windows[0].options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    // The renderer comes from the app's own scheme, never from file://.
    expect(windows[0].loaded).toEqual({ url: 'app://flowgate/index.html' });
    expect(electron.session.defaultSession.headersListener).toBeTypeOf('function');
    expect(electron.session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
  });

  it('answers contract calls from its window and refuses them from anywhere else', async () => {
    const { electron, windows } = await startMain();
    const win = windows[0];
    win.webContents.finishLoad(win.loaded.url!);
    await expect(electron.ipcMain.invoke(CALL, mainFrameEvent(win), 'settings.get', {})).resolves.toEqual({ ok: true, result: { theme: 'light' } });
    win.webContents.mainFrame.url = 'https://evil.example/';
    await expect(electron.ipcMain.invoke(CALL, mainFrameEvent(win), 'settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // Not even a file:// page of the built renderer folder: any local HTML file shares that origin.
    const rendererDir = path.resolve(import.meta.dirname, '../../../electron/renderer');
    win.webContents.mainFrame.url = pathToFileURL(path.join(rendererDir, 'index.html')).href;
    await expect(electron.ipcMain.invoke(CALL, mainFrameEvent(win), 'settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    win.webContents.mainFrame.url = 'app://flowgate/index.html#/home';
    await expect(electron.ipcMain.invoke(CALL, mainFrameEvent(win), 'settings.get', {})).resolves.toMatchObject({ ok: true });
  });

  it('registers app:// as a privileged scheme before the app is ready, and serves the renderer from it after', async () => {
    const { electron } = await startMain();
    expect(electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }), beforeReady: true }]);
    expect([...electron.protocol.handlers.keys()]).toEqual(['app']);
    expect(electron.protocol.handledAfterReady).toBe(true);
    const handler = electron.protocol.handlers.get('app')!;
    const outside = await handler(new Request('app://flowgate/%2e%2e/main/index.ts'));
    expect(outside.status).toBeGreaterThanOrEqual(400);
    expect(await outside.text()).not.toContain('import');
  });

  it('sends menu commands to the focused window', async () => {
    const { electron, windows } = await startMain();
    FakeBrowserWindow.focused = windows[0];
    const template = (electron.Menu.current as { template: MenuItemConstructorOptions[] }).template;
    const save = template.flatMap((m) => m.submenu as MenuItemConstructorOptions[]).find((i) => i.id === 'file.save')!;
    (save.click as () => void)();
    expect(windows[0].webContents.sent).toContainEqual([COMMAND, 'file.save']);
  });

  it('asks before closing a window whose renderer reported unsaved changes', async () => {
    const { electron, windows } = await startMain();
    const win = windows[0];
    win.webContents.finishLoad(win.loaded.url!);
    electron.dialog.showMessageBox.mockResolvedValue({ response: 2, checkboxChecked: false });
    electron.ipcMain.emit(SET_DIRTY, mainFrameEvent(win), true);
    win.close();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce();
    expect(win.destroyed).toBe(false);
  });

  it('hands a workflow file from a second launch to the window once it has loaded', async () => {
    const { electron, windows } = await startMain();
    const win = windows[0];
    electron.app.emit('second-instance', {}, ['/usr/bin/flowgate', 'plans/support.flowgate.json'], '/home/me');
    expect(win.webContents.sent).toEqual([]);
    win.webContents.finishLoad(win.loaded.url!);
    expect(win.webContents.sent).toEqual([[OPEN_FILE, path.resolve('/home/me/plans/support.flowgate.json')]]);
  });

  it('keeps File → Open Recent and the OS recent documents in step with the library', async () => {
    const { electron, createBackend, backend, windows } = await startMain();
    const openRecent = () => {
      const template = (electron.Menu.current as { template: MenuItemConstructorOptions[] }).template;
      const file = template.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];
      return file.find((i) => i.id === 'file.openRecent')!.submenu as MenuItemConstructorOptions[];
    };
    expect(openRecent()[0]).toMatchObject({ label: 'Support triage', enabled: true });

    // The backend reports a save of another file: the OS hears of it and the menu is rebuilt.
    const onRecentChange = (createBackend.mock.calls[0][0] as { onRecentChange: (c: { kind: string; path: string }) => void }).onRecentChange;
    backend['recent.list'].mockResolvedValue([
      { path: '/home/me/new.flowgate.json', name: 'New one', openedAt: '2026-01-02T00:00:00.000Z', exists: true },
      { path: '/home/me/plans/support.flowgate.json', name: 'Support triage', openedAt: '2026-01-01T00:00:00.000Z', exists: true },
    ]);
    onRecentChange({ kind: 'added', path: '/home/me/new.flowgate.json' });
    await settle();
    expect(electron.app.addRecentDocument).toHaveBeenCalledWith('/home/me/new.flowgate.json');
    expect(openRecent().map((i) => i.label)).toEqual(['New one', 'Support triage', undefined, 'Clear Recent']);

    // Clicking an entry hands the file to the window like an OS open-file.
    const win = windows[0];
    win.webContents.finishLoad(win.loaded.url!);
    (openRecent()[1].click as () => void)();
    expect(win.webContents.sent).toContainEqual([OPEN_FILE, '/home/me/plans/support.flowgate.json']);
  });

  it('removes the recovery copies of a window closed on purpose, not of one still open', async () => {
    const { electron, backend, windows } = await startMain();
    const win = windows[0];
    win.webContents.finishLoad(win.loaded.url!);
    const document = blankWorkflow('wf-1', 'Draft');
    for (const key of ['s1', 's2', 's3']) {
      await expect(electron.ipcMain.invoke(CALL, mainFrameEvent(win), 'journal.write', { key, path: null, document })).resolves.toMatchObject({ ok: true });
    }
    await electron.ipcMain.invoke(CALL, mainFrameEvent(win), 'journal.discard', { key: 's2' });
    expect(backend['journal.discard'].mock.calls).toEqual([[{ key: 's2' }]]);

    // "Don't Save" in the close prompt: the window closes and its copies go with it.
    electron.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
    electron.ipcMain.emit(SET_DIRTY, mainFrameEvent(win), true);
    win.close();
    await settle();
    expect(win.destroyed).toBe(true);
    expect(backend['journal.discard'].mock.calls.slice(1)).toEqual([[{ key: 's1' }], [{ key: 's3' }]]);
  });

  it('hardens webContents created later', async () => {
    const { electron } = await startMain();
    const later = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, later);
    expect(later.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('lets the backend finish its writes before quitting', async () => {
    const { electron, backend } = await startMain();
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    electron.app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
    expect(backend.close).toHaveBeenCalledOnce();
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('leaves everything to the running instance when it is not the first', async () => {
    const { electron, createBackend, windows } = await startMain({ gotLock: false });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(createBackend).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });
});
