// Keyboard shortcuts, derived from the shared command list.
//
// While the user types in a field, the field keeps the keys that edit text (undo, redo, cut, copy,
// paste, delete, select all, duplicate) and Shift+1 (it types "!"): Ctrl+Z in a label field undoes
// typing, natively. Document-level commands that do not conflict with typing (Save, Open, Export,
// Settings…) work everywhere. The canvas-level undo is one click away in the toolbar.
import { COMMANDS, matchesAccelerator, shortcutsOf, type CommandId, type CommandSpec } from '../../../shared/api/commands';

const FIELD_KEEPS = new Set<CommandId>([
  'edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll', 'view.fit',
]);

type KeyLike = { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** The command a key press means; `desktop`: the desktop app's shortcuts, else browser mode's (Alt+N for Ctrl+N…). */
export function commandForKey(e: KeyLike, mac: boolean, desktop: boolean): CommandId | null {
  for (const c of COMMANDS as readonly CommandSpec[]) {
    if (shortcutsOf(c, desktop).some((a) => matchesAccelerator(a, e, mac))) return c.id as CommandId;
  }
  return null;
}

/** Whether a command pressed while typing in a field belongs to the field instead. */
export function fieldKeeps(id: CommandId): boolean {
  return FIELD_KEEPS.has(id);
}

export function isEditable(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** The native editing action that a menu command means inside a text field. */
export const NATIVE_EDIT: Partial<Record<CommandId, string>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
  'edit.delete': 'forwardDelete',
};

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The desktop app (the preload bridge is there) rather than browser mode: they differ in a few shortcuts. */
export const IS_DESKTOP = typeof window !== 'undefined' && !!window.flowgate;
