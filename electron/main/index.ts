// Electron main process: lifecycle only. Everything with a decision in it lives in the small modules
// next to this file; the backend (files, settings, templates) knows nothing about Electron.
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { safeStorageSecretStore } from '../backend/ai/secret-store';
import { createBackend } from '../backend/backend';
import type { Backend } from '../backend/types';
import type { CommandId } from '../../shared/api/commands';
import { createOriginPolicy } from './app-origin';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { COMMAND } from './channels';
import { CloseGuard } from './close';
import { createNativeDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { JournalOwners } from './journal-owners';
import { appLocations } from './locations';
import { buildMenuTemplate } from './menu';
import { OpenFileRouter, workflowPathsFromArgv } from './open-file';
import { RecentMenu } from './recent-menu';
import { createPdfPrinter, PDF_PARTITION } from './report-pdf';
import { contentSecurityPolicy, hardenAllWebContents, hardenSession } from './security';
import { createSenderCheck } from './trusted-sender';
import { createMainWindow } from './window';
import { errorText } from '../../shared/text';

const locations = appLocations({
  isPackaged: app.isPackaged,
  mainDir: import.meta.dirname,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
});
const policy = createOriginPolicy('url' in locations.renderer ? { devUrl: locations.renderer.url } : 'app');
// app:// must be known as a standard, secure scheme before the app is ready; its handler comes in start().
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
const windows = new Set<BrowserWindow>();
const openFiles = new OpenFileRouter();
const journalOwners = new JournalOwners();
let backend: Backend | null = null;

function mainWindow(): BrowserWindow | null {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused && windows.has(focused)) return focused;
  return windows.values().next().value ?? null;
}

function sendCommand(win: BrowserWindow, command: CommandId): void {
  if (windows.has(win) && !win.isDestroyed()) win.webContents.send(COMMAND, command);
}

const closeGuard = new CloseGuard({
  showMessageBox: (win, options) => dialog.showMessageBox(win, options),
  sendCommand,
});

function openWindow(): BrowserWindow {
  const win = createMainWindow(locations, path.join(app.getPath('userData'), 'window-state.json'));
  const webContentsId = win.webContents.id;
  windows.add(win);
  win.on('closed', () => {
    windows.delete(win);
    // Closed on purpose (clean, or "Don't Save"): its recovery copies would only offer back what the user dropped.
    for (const key of journalOwners.release(webContentsId)) void backend?.['journal.discard']({ key }).catch(() => undefined);
  });
  closeGuard.attach(win);
  openFiles.attach(win);
  return win;
}

function installMenu(openRecent = recentMenu.items()): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        appName: app.name,
        send: (command) => {
          const win = mainWindow();
          if (win) sendCommand(win, command);
        },
        openRecent,
      }),
    ),
  );
}

const recentMenu = new RecentMenu({
  list: async () => (backend ? backend['recent.list']({}) : []),
  remove: async (filePath) => backend?.['recent.remove']({ path: filePath }),
  addToOs: (filePath) => app.addRecentDocument(filePath),
  clearOs: () => app.clearRecentDocuments(),
  install: (items) => installMenu(items),
  // Exactly like a file double-clicked in the file manager: the renderer asks about unsaved changes.
  open: (filePath) => openFiles.open(filePath),
  isMac: process.platform === 'darwin',
});

async function start(): Promise<void> {
  hardenSession(session.defaultSession, policy);
  // The built renderer, and nothing else, on app://flowgate (the dev server serves itself).
  if ('rendererDir' in locations.renderer) protocol.handle(APP_SCHEME, createAppProtocolHandler(locations.renderer.rendererDir, contentSecurityPolicy(null)));
  const workspaceDir = path.join(app.getPath('documents'), 'Flowgate');
  const dataDir = app.getPath('userData');
  backend = await createBackend({
    mode: 'desktop',
    dataDir,
    workspaceDir,
    resourcesDir: locations.resourcesDir,
    version: app.getVersion(),
    dialogs: createNativeDialogs(dialog, mainWindow, workspaceDir),
    // File → Export Report as PDF: a hidden, locked-down window prints the report's HTML.
    printPdf: createPdfPrinter({ BrowserWindow, session: () => session.fromPartition(PDF_PARTITION), tempDir: () => app.getPath('temp') }),
    onRecentChange: (change) => void recentMenu.changed(change),
    // The AI key, encrypted by the OS keychain; on Linux without one Settings says it is plain text.
    secretStore: safeStorageSecretStore(() => safeStorage, dataDir),
  });
  registerIpc({
    ipcMain,
    backend,
    isTrusted: createSenderCheck(policy, (wc) => [...windows].some((w) => !w.isDestroyed() && w.webContents === wc)),
    onDirty: (id, dirty) => closeGuard.setDirty(id, dirty),
    onCall: (id, method, params) => journalOwners.observe(id, method, params),
  });
  installMenu();
  openWindow();
  void recentMenu.refresh();
  // Files come and go while Flowgate is in the background; the menu greys out the missing ones.
  app.on('browser-window-focus', () => void recentMenu.refresh());
}

if (!app.requestSingleInstanceLock()) {
  // Another Flowgate is running; it receives our command line through 'second-instance'.
  app.quit();
} else {
  app.setName('Flowgate');
  app.setAboutPanelOptions({ applicationName: 'Flowgate', applicationVersion: app.getVersion() });
  app.enableSandbox();
  hardenAllWebContents(app, policy);
  for (const p of workflowPathsFromArgv(process.argv.slice(1), process.cwd())) openFiles.open(p);

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = workflowPathsFromArgv(argv.slice(1), workingDirectory);
    if (paths.length === 0) mainWindow()?.focus();
    for (const p of paths) openFiles.open(p);
  });
  // macOS: double-clicked files; may arrive before 'ready', in which case the router queues them.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openFiles.open(filePath);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (backend && windows.size === 0) openWindow();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !backend) return;
    // Let pending writes finish before the process exits.
    event.preventDefault();
    void backend.close().finally(() => {
      closed = true;
      app.quit();
    });
  });

  app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('Flowgate could not start', errorText(e));
    app.exit(1);
  });
}
