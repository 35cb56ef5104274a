// A stand-in for the 'electron' module (no Electron binary exists here). It records what the main
// process asks of Electron so tests can assert on it, and lets tests play the renderer's part.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron-style event whose default can be prevented. */
export function fakeEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextId = 1;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame = { url: '', parent: null, processId: 7, routingId: this.id };
  readonly sent: [string, ...unknown[]][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly undo = vi.fn();
  readonly redo = vi.fn();
  readonly cut = vi.fn();
  readonly copy = vi.fn();
  readonly paste = vi.fn();
  readonly selectAll = vi.fn();
  readonly delete = vi.fn();
  readonly executeJavaScript = vi.fn();
  getURL() {
    return this.mainFrame.url;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Pretends the page at `url` finished loading. */
  finishLoad(url: string) {
    this.mainFrame.url = url;
    this.emit('did-finish-load');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;
  static getFocusedWindow() {
    return FakeBrowserWindow.focused;
  }
  static getAllWindows() {
    return FakeBrowserWindow.created.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  maximized = false;
  loaded: { file?: string; url?: string } = {};
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  bounds = { x: 10, y: 20, width: 900, height: 700 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadFile(file: string) {
    this.loaded = { file };
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded = { url };
    return Promise.resolve();
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close() {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

type Listener = (...args: never[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener[]>();
  handle(channel: string, fn: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  on(channel: string, fn: Listener) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), fn]);
    return this;
  }
  removeListener(channel: string, fn: Listener) {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== fn),
    );
    return this;
  }
  /** Plays a renderer's ipcRenderer.invoke. */
  invoke(channel: string, event: unknown, ...args: unknown[]) {
    const h = this.handlers.get(channel) as ((...a: unknown[]) => unknown) | undefined;
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, ...args);
  }
  /** Plays a renderer's ipcRenderer.send. */
  emit(channel: string, event: unknown, ...args: unknown[]) {
    for (const l of this.listeners.get(channel) ?? []) (l as (...a: unknown[]) => unknown)(event, ...args);
  }
}

export class FakeSession {
  headersListener: ((details: unknown, callback: (r: unknown) => void) => void) | null = null;
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'flowgate';
  gotLock = true;
  paths: Record<string, string> = { userData: '/tmp/flowgate-user', documents: '/tmp/flowgate-docs' };
  appPath = '/repo';
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly setAboutPanelOptions = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.gotLock);
  readonly addRecentDocument = vi.fn();
  readonly clearRecentDocuments = vi.fn();
  ready: Promise<void> = Promise.resolve();
  /** Set once whenReady() has resolved, so tests can tell what the main process did before ready. */
  isReadyNow = false;
  getPath(name: string) {
    const p = this.paths[name];
    if (!p) throw new Error(`unknown path ${name}`);
    return p;
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return '9.8.7';
  }
  setName(name: string) {
    this.name = name;
  }
  whenReady() {
    return this.ready.then(() => {
      this.isReadyNow = true;
    });
  }
  isReady() {
    return this.isReadyNow;
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'pong' }));
  readonly send = vi.fn();
  /** Plays main's webContents.send. */
  deliver(channel: string, ...args: unknown[]) {
    this.emit(channel, { sender: this, senderId: 0 }, ...args);
  }
}

/** A fresh fake Electron; build one per test file (or per test) and hand it to vi.mock. */
/** protocol: records privileged schemes (and whether the app was ready then) and the handlers installed. */
export class FakeProtocol {
  readonly privileged: { scheme: string; privileges: unknown; beforeReady: boolean }[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  handledAfterReady: boolean | null = null;
  constructor(private readonly app: FakeApp) {}
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: unknown }[]) {
    for (const s of schemes) this.privileged.push({ ...s, beforeReady: !this.app.isReady() });
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    if (this.handlers.has(scheme)) throw new Error(`second handler for ${scheme}`);
    this.handlers.set(scheme, handler);
    this.handledAfterReady = this.app.isReady();
  }
}

export function createFakeElectron() {
  const session = new FakeSession();
  const exposed: Record<string, unknown> = {};
  const app = new FakeApp();
  return {
    app,
    protocol: new FakeProtocol(app),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    ipcRenderer: new FakeIpcRenderer(),
    session: { defaultSession: session },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: {
      current: null as unknown,
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu(menu: unknown) {
        this.current = menu;
      },
    },
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showMessageBox: vi.fn(),
      showErrorBox: vi.fn(),
    },
    contextBridge: {
      exposed,
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposed[key] = api;
      }),
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
