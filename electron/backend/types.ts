// How the backend is created by either shell (Electron main, or the browser-mode server).
import type { Api } from '../../shared/api/contract';
import type { AtomicFs } from './atomic-write';
import type { RecentChange } from './library-store';

export interface NativeDialogs {
  /** Asks the user for a workflow file to open; null when cancelled. */
  openFile(): Promise<string | null>;
  /** Asks where to save; null when cancelled. */
  saveFile(suggestedName: string, kind: 'workflow' | 'json' | 'svg' | 'png' | 'markdown' | 'html'): Promise<string | null>;
}

export interface BackendOptions {
  mode: 'desktop' | 'browser';
  /** Where the library store (recent files, settings) lives: Electron's userData, or --data-dir. */
  dataDir: string;
  /** Default folder for workflows; browser mode only reads and writes workflows inside it. */
  workspaceDir: string;
  /** Folder holding templates/ and sample-data/ (the repo's resources/, or the packaged resources). */
  resourcesDir: string;
  version: string;
  /** Native dialogs, desktop only. */
  dialogs?: NativeDialogs;
  /** Called after each change of the recent files list (desktop: Open Recent, the OS's recent documents). */
  onRecentChange?: (change: RecentChange) => void;
  /** The file operations behind atomic writes; tests inject failures here. Defaults to node:fs. */
  fs?: AtomicFs;
}

export interface Backend extends Api {
  /** Flushes pending writes. */
  close(): Promise<void>;
}
