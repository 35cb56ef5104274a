// What the Electron preload script exposes to the renderer as `window.flowgate`, and nothing more.
import type { Envelope } from './contract';
import type { CommandId } from './commands';

export interface FlowgateBridge {
  /** Calls a contract method in the main process; the main process validates it. */
  call(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to native-menu commands; returns the unsubscribe function. */
  onCommand(listener: (command: CommandId) => void): () => void;
  /** Tells the main process whether there are unsaved changes, so closing the window can ask first. */
  setDirty(dirty: boolean): void;
  /** Subscribes to files the OS asks the app to open (double-click, second instance). */
  onOpenFile(listener: (path: string) => void): () => void;
}
