// The desktop app's PDF of a report: the report's HTML (one self-contained file, no script) is loaded
// in a hidden, sandboxed, offscreen window with JavaScript off, in a session of its own whose request
// filter lets nothing through but that one file (and data: images), and printed with printToPDF.
// The backend writes the bytes (report.pdf); this module only turns HTML into a PDF.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, BrowserWindowConstructorOptions, PrintToPDFOptions, Session } from 'electron';

export interface PdfPrinterDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => Pick<BrowserWindow, 'loadFile' | 'destroy' | 'isDestroyed' | 'webContents'>;
  /** An in-memory session used only for printing (`session.fromPartition('flowgate-report-pdf')`). */
  session(): Session;
  /** Folder for the page while it prints (app.getPath('temp')). */
  tempDir(): string;
  /** How long loading and printing may take (default 60 s). */
  timeoutMs?: number;
}

/** The partition of the printing session: no `persist:` prefix, so nothing of it is ever written to disk. */
export const PDF_PARTITION = 'flowgate-report-pdf';

/** A4 at 96 dpi: the page is laid out at the width it is printed at. */
const A4_PX = { width: 794, height: 1123 };

export const PDF_OPTIONS: PrintToPDFOptions = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true };

/** The hidden window's options: nothing runs in the page, nothing reaches the app, nothing is shown. */
export function pdfWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    ...A4_PX,
    webPreferences: {
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
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

/** Whether the printing session lets a request through: the pages being printed and inline data only. */
export function pdfRequestAllowed(url: string, pages: ReadonlySet<string>): boolean {
  return url.startsWith('data:') || pages.has(url);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createPdfPrinter(deps: PdfPrinterDeps): (html: string) => Promise<Uint8Array> {
  const pages = new Set<string>();
  let session: Session | null = null;

  /** The session, locked down the first time it is used (after app ready, not at startup). */
  function printingSession(): Session {
    if (session) return session;
    const s = deps.session();
    s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !pdfRequestAllowed(details.url, pages) }));
    s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
    s.on('will-download', (event) => event.preventDefault());
    session = s;
    return s;
  }

  return async (html) => {
    const ses = printingSession();
    // A file rather than a data: URL, which Chromium caps at 2 MB; a private folder of its own.
    const dir = await mkdtemp(join(deps.tempDir(), 'flowgate-report-'));
    const file = join(dir, 'report.html');
    const url = pathToFileURL(file).href;
    let win: InstanceType<PdfPrinterDeps['BrowserWindow']> | null = null;
    try {
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      pages.add(url);
      win = new deps.BrowserWindow(pdfWindowOptions(ses));
      const ms = deps.timeoutMs ?? 60_000;
      await withTimeout(win.loadFile(file), ms, 'Loading the report');
      const pdf = await withTimeout(win.webContents.printToPDF(PDF_OPTIONS), ms, 'Printing the report');
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      pages.delete(url);
      if (win && !win.isDestroyed()) win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
