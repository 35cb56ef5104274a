// How the backend is created by either shell (Electron main, or the browser-mode server).
import type { Api } from '../../shared/api/contract';
import type { SecretStore } from './ai/secret-store';
import type { AtomicFs } from './atomic-write';
import type { RecentChange } from './library-store';
import type { AiProviderFor } from './simulation/ai-router';

export interface NativeDialogs {
  /** Asks the user for a workflow file to open; null when cancelled. */
  openFile(): Promise<string | null>;
  /** Asks where to save; null when cancelled. */
  saveFile(suggestedName: string, kind: 'workflow' | 'json' | 'svg' | 'png' | 'markdown' | 'html' | 'pdf' | 'bpmn'): Promise<string | null>;
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
  /** Prints a report's HTML to PDF bytes (the desktop app's hidden window); without it report.pdf is unavailable. */
  printPdf?: (html: string) => Promise<Uint8Array>;
  /** Called after each change of the recent files list (desktop: Open Recent, the OS's recent documents). */
  onRecentChange?: (change: RecentChange) => void;
  /** The file operations behind atomic writes; tests inject failures here. Defaults to node:fs. */
  fs?: AtomicFs;
  /** The AI provider of each AI step in simulations; a step it gives nothing for (or no hook) uses the offline mock. */
  aiProviderFor?: AiProviderFor;
  /** Where the AI provider's API key is kept: safeStorage in the desktop app; a 0600 file in the data folder by default. */
  secretStore?: SecretStore;
}

export interface Backend extends Api {
  /** Flushes pending writes. */
  close(): Promise<void>;
}
