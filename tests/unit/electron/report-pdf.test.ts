// File → Export Report as PDF in the desktop app: the main process prints the report's HTML in a
// hidden, locked-down window (electron/main/report-pdf.ts, against a fake Electron), and the backend's
// report.pdf writes the bytes atomically to the place picked in the save dialog — and only there, and
// only in the desktop app.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Session } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { realFs, type AtomicFs } from '../../../electron/backend/atomic-write';
import { createPdfPrinter, PDF_OPTIONS, PDF_PARTITION, type PdfPrinterDeps } from '../../../electron/main/report-pdf';
import { makeBackend, tempDir } from '../../backend/helpers';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron';

const PDF = Buffer.from('%PDF-1.7\n% a small but real-looking PDF\n%%EOF\n');
const HTML = '<!doctype html><html><head><title>Support: readiness report</title></head><body><svg></svg></body></html>';

class FakePdfSession extends EventEmitter {
  requestFilter: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | null = null;
  permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: (() => boolean) | null = null;
  readonly webRequest = {
    onBeforeRequest: vi.fn((listener: FakePdfSession['requestFilter']) => {
      this.requestFilter = listener;
    }),
  };
  setPermissionRequestHandler(h: FakePdfSession['permissionRequest']) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakePdfSession['permissionCheck']) {
    this.permissionCheck = h;
  }
  /** Whether the filter lets `url` through. */
  allows(url: string): boolean {
    let cancel = true;
    this.requestFilter!({ url }, (r) => (cancel = r.cancel));
    return !cancel;
  }
}

/** A print window: records what it was asked, and what the session allowed while it loaded. */
class FakePdfWindow {
  static created: FakePdfWindow[] = [];
  static behaviour: { load?: () => Promise<void>; print?: () => Promise<Buffer> } = {};
  static session: FakePdfSession;
  loadedFile: string | null = null;
  loadedHtml: string | null = null;
  allowedWhileLoading: boolean | null = null;
  destroyed = false;
  readonly webContents = {
    printToPDF: vi.fn(async (_options: unknown) => (FakePdfWindow.behaviour.print ? FakePdfWindow.behaviour.print() : PDF)),
  };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakePdfWindow.created.push(this);
  }
  async loadFile(file: string) {
    this.loadedFile = file;
    this.loadedHtml = await readFile(file, 'utf8');
    this.allowedWhileLoading = FakePdfWindow.session.allows(pathToFileURL(file).href);
    if (FakePdfWindow.behaviour.load) await FakePdfWindow.behaviour.load();
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
}

async function printer(options: { timeoutMs?: number } = {}) {
  const temp = await tempDir('flowgate-pdf-temp-');
  const session = new FakePdfSession();
  FakePdfWindow.session = session;
  FakePdfWindow.created = [];
  FakePdfWindow.behaviour = {};
  const sessionFactory = vi.fn(() => session as unknown as Session);
  const print = createPdfPrinter({
    BrowserWindow: FakePdfWindow as unknown as PdfPrinterDeps['BrowserWindow'],
    session: sessionFactory,
    tempDir: () => temp,
    ...options,
  });
  return { print, session, sessionFactory, temp };
}

afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock('../../../electron/backend/backend');
  vi.unstubAllEnvs();
});

describe('the PDF printer (main process)', () => {
  it('prints in a hidden, sandboxed, offscreen window with JavaScript off and a session of its own', async () => {
    const { print, session, sessionFactory } = await printer();
    expect(sessionFactory).not.toHaveBeenCalled(); // nothing is touched before the first print (startup runs before app ready)
    const bytes = await print(HTML);
    expect(Buffer.from(bytes).equals(PDF)).toBe(true);
    expect(FakePdfWindow.created).toHaveLength(1);
    const win = FakePdfWindow.created[0];
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({
      session,
      offscreen: true,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    // No preload: nothing of the app's bridge reaches the printed page.
    expect(win.options.webPreferences).not.toHaveProperty('preload');
    expect(win.loadedHtml).toBe(HTML);
    expect(win.webContents.printToPDF).toHaveBeenCalledExactlyOnceWith(PDF_OPTIONS);
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true });
    expect(win.destroyed).toBe(true);
  });

  it('lets the page load itself and data: images, and nothing else, ever', async () => {
    const { print, session } = await printer();
    await print(HTML);
    const win = FakePdfWindow.created[0];
    expect(win.allowedWhileLoading).toBe(true);
    expect(session.allows('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    for (const url of ['https://example.com/track.png', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'ws://example.com/', pathToFileURL(win.loadedFile!).href]) {
      expect(session.allows(url), url).toBe(false);
    }
    // Permissions are refused and downloads dropped.
    let granted: boolean | null = null;
    session.permissionRequest!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(session.permissionCheck!()).toBe(false);
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    session.emit('will-download', event);
    expect(event.prevented).toBe(true);
    // Locked down once, however many reports are printed.
    await print(HTML);
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledOnce();
  });

  it('leaves no page behind in the temp folder, and no window, when printing fails', async () => {
    const { print, temp } = await printer();
    await print(HTML);
    expect(await readdir(temp)).toEqual([]);
    FakePdfWindow.behaviour.print = async () => {
      throw new Error('Printing failed');
    };
    await expect(print(HTML)).rejects.toThrow('Printing failed');
    expect(FakePdfWindow.created.every((w) => w.destroyed)).toBe(true);
    expect(await readdir(temp)).toEqual([]);
  });

  it('gives up on a page that never finishes loading', async () => {
    const { print, temp } = await printer({ timeoutMs: 30 });
    FakePdfWindow.behaviour.load = () => new Promise(() => {});
    await expect(print(HTML)).rejects.toThrow(/took longer than/);
    expect(FakePdfWindow.created[0].destroyed).toBe(true);
    expect(FakePdfWindow.created[0].webContents.printToPDF).not.toHaveBeenCalled();
    expect(await readdir(temp)).toEqual([]);
  });
});

describe('report.pdf (backend)', () => {
  const dialogsFor = (path: string) => ({ openFile: async () => null, saveFile: vi.fn(async () => path) });

  it('writes the printed bytes to the place picked in the save dialog', async () => {
    const out = await tempDir('flowgate-pdf-out-');
    const target = join(out, 'Support readiness report.pdf');
    const printPdf = vi.fn(async (_html: string) => new Uint8Array(PDF));
    const fg = await makeBackend({ mode: 'desktop', dialogs: dialogsFor(target), printPdf });
    expect((await fg.ok('dialog.saveFile', { suggestedName: 'Support readiness report.pdf', kind: 'pdf' })).path).toBe(target);
    expect(await fg.ok('report.pdf', { html: HTML, path: target })).toEqual({ path: target, bytes: PDF.length });
    expect(printPdf).toHaveBeenCalledExactlyOnceWith(HTML);
    expect((await readFile(target)).equals(PDF)).toBe(true);
    expect(await readdir(out)).toEqual(['Support readiness report.pdf']);
  });

  it('writes atomically: a failed write leaves the previous file whole and no temp file behind', async () => {
    const out = await tempDir('flowgate-pdf-out-');
    const target = join(out, 'report.pdf');
    await writeFile(target, 'the previous report');
    const failingRename: AtomicFs = { ...realFs, rename: async () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) };
    const fg = await makeBackend({ mode: 'desktop', dialogs: dialogsFor(target), printPdf: async () => new Uint8Array(PDF), fs: failingRename });
    await fg.ok('dialog.saveFile', { suggestedName: 'report.pdf', kind: 'pdf' });
    const env = await fg.call('report.pdf', { html: HTML, path: target });
    expect(env.ok).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('the previous report');
    expect(await readdir(out)).toEqual(['report.pdf']);
  });

  it('refuses a place that was not picked in the save dialog, before printing anything', async () => {
    const out = await tempDir('flowgate-pdf-out-');
    const printPdf = vi.fn(async () => new Uint8Array(PDF));
    const fg = await makeBackend({ mode: 'desktop', dialogs: dialogsFor(join(out, 'picked.pdf')), printPdf });
    const env = await fg.call('report.pdf', { html: HTML, path: join(out, 'elsewhere.pdf') });
    expect(env).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(printPdf).not.toHaveBeenCalled();
    expect(existsSync(join(out, 'elsewhere.pdf'))).toBe(false);
  });

  it('is refused in browser mode, even with a printer at hand', async () => {
    const printPdf = vi.fn(async () => new Uint8Array(PDF));
    const fg = await makeBackend({ mode: 'browser', printPdf });
    await mkdir(fg.workspaceDir, { recursive: true });
    const env = await fg.call('report.pdf', { html: HTML, path: 'report.pdf' });
    expect(env).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/desktop app/) } });
    expect(printPdf).not.toHaveBeenCalled();
    expect(await readdir(fg.workspaceDir)).toEqual([]);
  });

  it('says so when printing fails, and writes nothing', async () => {
    const out = await tempDir('flowgate-pdf-out-');
    const target = join(out, 'report.pdf');
    const fg = await makeBackend({ mode: 'desktop', dialogs: dialogsFor(target), printPdf: async () => Promise.reject(new Error('Loading the report took longer than 60 s.')) });
    await fg.ok('dialog.saveFile', { suggestedName: 'report.pdf', kind: 'pdf' });
    const env = await fg.call('report.pdf', { html: HTML, path: target });
    expect(env).toMatchObject({ ok: false, error: { message: 'Flowgate could not make the PDF: Loading the report took longer than 60 s.' } });
    expect(existsSync(target)).toBe(false);
  });
});

describe('the main process wiring', () => {
  it('gives the desktop backend a printer that uses its own in-memory session and Electron windows', async () => {
    vi.resetModules();
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    FakeBrowserWindow.created.length = 0;
    const electron = createFakeElectron();
    electron.app.paths.temp = tmpdir();
    const session = new FakePdfSession();
    const fromPartition = vi.fn(() => session);
    Object.assign(electron.session, { fromPartition });
    class PrintableWindow extends FakeBrowserWindow {
      readonly destroy = vi.fn(() => {
        this.destroyed = true;
      });
      constructor(options: Record<string, unknown>) {
        super(options);
        Object.assign(this.webContents, { printToPDF: vi.fn(async () => PDF) });
      }
    }
    Object.assign(electron, { BrowserWindow: PrintableWindow });
    const createBackend = vi.fn(async (_options: unknown) => ({ 'recent.list': async () => [], close: async () => {} }));
    vi.doMock('electron', () => electron);
    vi.doMock('../../../electron/backend/backend', () => ({ createBackend }));
    await import('../../../electron/main/index');
    await new Promise((r) => setTimeout(r, 0));

    const { printPdf } = createBackend.mock.calls[0][0] as { printPdf: (html: string) => Promise<Uint8Array> };
    expect(printPdf).toBeTypeOf('function');
    expect(fromPartition).not.toHaveBeenCalled();
    const bytes = await printPdf(HTML);
    expect(Buffer.from(bytes).equals(PDF)).toBe(true);
    expect(fromPartition).toHaveBeenCalledExactlyOnceWith(PDF_PARTITION);
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false);
    const printWindow = FakeBrowserWindow.created.at(-1)!;
    expect(printWindow.options).toMatchObject({ show: false, webPreferences: { session, javascript: false, offscreen: true, sandbox: true } });
    expect((printWindow as PrintableWindow).destroy).toHaveBeenCalled();
  });
});
