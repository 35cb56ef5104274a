import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appLocations } from '../../../electron/main/locations';
import { createMainWindow } from '../../../electron/main/window';
import { loadWindowState, parseWindowState, saveWindowState } from '../../../electron/main/window-state';
import { FakeBrowserWindow } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const screenArea = [{ x: 0, y: 0, width: 1920, height: 1080 }];
let dir: string;
let stateFile: string;

const built = appLocations({ isPackaged: true, mainDir: '/app/out/main', appPath: '/app', resourcesPath: '/app/resources', devServerUrl: 'http://evil.example/' });

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowgate-window-'));
  stateFile = path.join(dir, 'window-state.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('main window', () => {
  it('is created with context isolation, sandbox, no Node integration, web security and the preload', () => {
    const win = createMainWindow(built, stateFile) as unknown as FakeBrowserWindow;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: path.join('/app/out', 'preload', 'index.cjs'),
    });
    expect(win.options.show).toBe(false);
  });

  it('loads the built renderer from app://flowgate in a packaged app, ignoring ELECTRON_RENDERER_URL', () => {
    const win = createMainWindow(built, stateFile) as unknown as FakeBrowserWindow;
    expect(win.loaded).toEqual({ url: 'app://flowgate/index.html' });
    expect(built.renderer).toEqual({ file: path.join('/app/out', 'renderer', 'index.html'), rendererDir: path.join('/app/out', 'renderer') });
  });

  it('loads the dev server in development', () => {
    const dev = appLocations({ isPackaged: false, mainDir: '/repo/out/main', appPath: '/repo', resourcesPath: '/x', devServerUrl: 'http://localhost:5173/' });
    const win = createMainWindow(dev, stateFile) as unknown as FakeBrowserWindow;
    expect(win.loaded).toEqual({ url: 'http://localhost:5173/' });
    expect(dev.resourcesDir).toBe(path.join('/repo', 'resources'));
    expect(built.resourcesDir).toBe('/app/resources');
  });

  it('shows itself once ready', () => {
    const win = createMainWindow(built, stateFile) as unknown as FakeBrowserWindow;
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('remembers its size, position and maximized state for the next launch', () => {
    const first = createMainWindow(built, stateFile) as unknown as FakeBrowserWindow;
    first.bounds = { x: 100, y: 50, width: 1000, height: 750 };
    first.maximized = true;
    first.close();
    const second = createMainWindow(built, stateFile) as unknown as FakeBrowserWindow;
    expect(second.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 750 });
    expect(second.maximized).toBe(true);
  });

  it('opens with defaults when the remembered state is corrupt', () => {
    fs.writeFileSync(stateFile, '{not json');
    const win = createMainWindow(built, stateFile) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ width: 1280, height: 820 });
    expect(win.options).not.toHaveProperty('x');
  });
});

describe('window state', () => {
  it('drops a position that is no longer on any display', () => {
    expect(parseWindowState({ x: 5000, y: 3000, width: 800, height: 600 }, screenArea)).toEqual({ width: 800, height: 600, maximized: false });
    expect(parseWindowState({ x: 200, y: 100, width: 800, height: 600 }, screenArea)).toMatchObject({ x: 200, y: 100 });
  });

  it('ignores nonsense values and enforces a minimum size', () => {
    expect(parseWindowState({ x: 'a', y: null, width: -5, height: 1e12, maximized: 'yes' }, screenArea)).toEqual({
      width: 640,
      height: 820,
      maximized: false,
    });
    expect(parseWindowState([], screenArea)).toEqual({ width: 1280, height: 820, maximized: false });
    expect(loadWindowState(path.join(dir, 'missing.json'), screenArea)).toEqual({ width: 1280, height: 820, maximized: false });
  });

  it('is written whole through a temp file that does not stay behind', () => {
    saveWindowState(stateFile, { x: 1, y: 2, width: 800, height: 600 }, false);
    saveWindowState(stateFile, { x: 3, y: 4, width: 900, height: 700 }, true);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({ x: 3, y: 4, width: 900, height: 700, maximized: true });
  });

  it('a failed write leaves the previous record and no temp file', () => {
    saveWindowState(stateFile, { x: 1, y: 2, width: 800, height: 600 }, false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // The target is now a folder, so the rename fails after the temp file was written.
    const blocked = path.join(dir, 'blocked');
    fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    saveWindowState(blocked, { x: 5, y: 6, width: 1000, height: 800 }, false);
    warn.mockRestore();
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked', 'window-state.json']);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toMatchObject({ x: 1, y: 2 });
  });
});
