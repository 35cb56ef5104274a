// Creates the app window with the locked-down webPreferences and loads the renderer.
// The window's size and position are remembered between launches.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';
import { APP_ENTRY } from './app-protocol';
import type { AppLocations } from './locations';
import { loadWindowState, saveWindowState } from './window-state';

/** The one set of webPreferences every Flowgate window uses. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

export function createMainWindow(locations: AppLocations, stateFile: string): BrowserWindow {
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const options: BrowserWindowConstructorOptions = {
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 640,
    minHeight: 480,
    title: 'Flowgate',
    show: false,
    backgroundColor: '#f7f7f8',
    ...(locations.devIcon ? { icon: locations.devIcon } : {}),
    webPreferences: secureWebPreferences(locations.preloadPath),
  };
  const win = new BrowserWindow(options);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  // 'close' comes before the window is gone, while its bounds can still be read.
  win.on('close', () => saveWindowState(stateFile, win.getNormalBounds(), win.isMaximized()));

  // The built renderer is served on app://flowgate (app-protocol.ts), never loaded from file://.
  void win.loadURL('url' in locations.renderer ? locations.renderer.url : APP_ENTRY);
  return win;
}
