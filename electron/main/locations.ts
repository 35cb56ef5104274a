// Where the built pieces live, for a packaged app, `electron-vite preview` and `electron-vite dev` alike.
import path from 'node:path';

export interface AppLocations {
  preloadPath: string;
  /** The renderer: the built index.html, or the dev server's URL. */
  renderer: { file: string; rendererDir: string } | { url: string };
  /** Folder holding templates/ and sample-data/. */
  resourcesDir: string;
  /** Window icon for development runs (packaged apps take theirs from the installer). */
  devIcon: string | null;
}

export interface LocationInputs {
  isPackaged: boolean;
  /** Folder of the built main script (out/main). */
  mainDir: string;
  /** app.getAppPath(): the repo root in development. */
  appPath: string;
  resourcesPath: string;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
}

export function appLocations(inputs: LocationInputs): AppLocations {
  const outDir = path.resolve(inputs.mainDir, '..');
  const rendererDir = path.join(outDir, 'renderer');
  // A packaged app never loads a URL from the environment: it always shows the files it shipped with.
  const renderer =
    !inputs.isPackaged && inputs.devServerUrl ? { url: inputs.devServerUrl } : { file: path.join(rendererDir, 'index.html'), rendererDir };
  return {
    // The preload is CommonJS (sandboxed preloads cannot be ES modules), hence .cjs in a "type": "module" package.
    preloadPath: path.join(outDir, 'preload', 'index.cjs'),
    renderer,
    resourcesDir: inputs.isPackaged ? inputs.resourcesPath : path.join(inputs.appPath, 'resources'),
    devIcon: inputs.isPackaged ? null : path.join(inputs.appPath, 'resources', 'icons', '512x512.png'),
  };
}
