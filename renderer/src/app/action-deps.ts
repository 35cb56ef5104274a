// What the app's actions (file-actions.ts, edit-actions.ts) share: the stores, the backend, the
// platform, and what the controller learns later (the app info, the mounted canvas).
import type { Api, Result } from '../../../shared/api/contract';
import type { AnalysisStore } from '../store/analysis';
import type { DocumentStore } from '../store/document';
import type { SessionStore } from '../store/session';
import type { UiStore } from '../store/ui';

export type AppInfo = Result<'app.info'>;

/** What the mounted canvas offers the actions (null while no canvas is shown). */
export interface CanvasHandle {
  /** Centre of the visible area, in flow coordinates. */
  centre(): { x: number; y: number };
  fitView(): void;
  /** Measured sizes of the nodes, for auto-layout. */
  sizes(): ReadonlyMap<string, { width: number; height: number }>;
  /** Scrolls a step or a link into the middle of the view. */
  reveal(target: { nodeId: string } | { edgeId: string }): void;
}

/** What the actions need from the surroundings; the browser supplies these, tests fake them. */
export interface Platform {
  randomId(): string;
  /** Offers a file for download (browser mode exports; PNG everywhere). */
  download(fileName: string, mime: string, content: string | Blob): void;
  /** Writes text to the system clipboard when the browser permits it; false otherwise. */
  writeClipboard(text: string): Promise<boolean>;
  readClipboard(): Promise<string | null>;
  /** Remembers the open file for this tab, so a reload reopens it. */
  rememberPath(path: string | null): void;
  systemPrefersDark(): boolean;
  /** Draws an SVG document as a PNG image. */
  rasterise(svg: string): Promise<Blob>;
  /** Opens the browser's file chooser for File → Import. */
  pickImportFile(): void;
}

export interface ActionDeps {
  api: Api;
  platform: Platform;
  doc: DocumentStore;
  session: SessionStore;
  ui: UiStore;
  analysis: AnalysisStore;
  /** The app info once the backend answered app.info (null before). */
  info(): AppInfo | null;
  /** The mounted canvas, or null. */
  canvas(): CanvasHandle | null;
  /** Shows an error as a toast: "<what>: <the error's message>". */
  reportError(what: string, e: unknown): void;
}
