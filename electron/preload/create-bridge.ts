// Builds window.flowgate (FlowgateBridge) on top of ipcRenderer without ever handing ipcRenderer,
// its events or its senders to the page: listeners receive plain strings only.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { FlowgateBridge } from '../../shared/api/bridge';
import type { Envelope } from '../../shared/api/contract';
import { COMMANDS, type CommandId } from '../../shared/api/commands';
import { CALL, COMMAND, NATIVE_EDIT, NATIVE_EDIT_OPS, OPEN_FILE, SET_DIRTY } from '../main/channels';

type Ipc = Pick<IpcRenderer, 'invoke' | 'send' | 'on'>;

const COMMAND_IDS = new Set<string>(COMMANDS.map((c) => c.id));

/** A tiny listener list; subscribing returns the unsubscribe function the bridge promises. */
function listeners<T>() {
  const set = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      const own = (value: T) => listener(value);
      set.add(own);
      return () => void set.delete(own);
    },
    emit(value: T): void {
      for (const l of [...set]) {
        try {
          l(value);
        } catch (e) {
          console.error(e);
        }
      }
    },
    get size() {
      return set.size;
    },
  };
}

/**
 * @param textHasFocus whether a text field has focus; text-editing menu commands then act on the text.
 */
export function createBridge(ipc: Ipc, textHasFocus: () => boolean): FlowgateBridge {
  const commands = listeners<CommandId>();
  const files = listeners<string>();
  // A file may be handed over before the renderer has subscribed (a double-click that started the app).
  const unclaimedFiles: string[] = [];

  ipc.on(COMMAND, (_event: IpcRendererEvent, command: unknown) => {
    if (typeof command !== 'string' || !COMMAND_IDS.has(command)) return;
    const op = (NATIVE_EDIT_OPS as Record<string, string | undefined>)[command];
    if (op && textHasFocus()) ipc.send(NATIVE_EDIT, op);
    else commands.emit(command as CommandId);
  });
  ipc.on(OPEN_FILE, (_event: IpcRendererEvent, filePath: unknown) => {
    if (typeof filePath !== 'string') return;
    if (files.size === 0) unclaimedFiles.push(filePath);
    else files.emit(filePath);
  });

  return Object.freeze({
    call(method: string, params: unknown): Promise<Envelope<unknown>> {
      return ipc.invoke(CALL, method, params) as Promise<Envelope<unknown>>;
    },
    onCommand(listener: (command: CommandId) => void): () => void {
      return commands.add(listener);
    },
    setDirty(dirty: boolean): void {
      ipc.send(SET_DIRTY, dirty === true);
    },
    onOpenFile(listener: (path: string) => void): () => void {
      const off = files.add(listener);
      for (const p of unclaimedFiles.splice(0)) listener(p);
      return off;
    },
  });
}

/** Whether the focused element takes typed text (inputs, text areas, contenteditable). */
export function isEditingText(doc: Pick<Document, 'activeElement'>): boolean {
  const el = doc.activeElement as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
  return !['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit'].includes(type);
}
