// IPC channel names shared by the main process and the preload script, so the two cannot drift apart.

/** renderer → main (invoke): a contract call; answers with an envelope. */
export const CALL = 'flowgate:call';
/** renderer → main (send): whether the open workflow has unsaved changes. */
export const SET_DIRTY = 'flowgate:set-dirty';
/** renderer → main (send): a text-editing menu command to run natively because a text field has focus. */
export const NATIVE_EDIT = 'flowgate:native-edit';
/** main → renderer: a menu command id. */
export const COMMAND = 'flowgate:command';
/** main → renderer: a workflow file the OS asked us to open. */
export const OPEN_FILE = 'flowgate:open-file';

/**
 * Menu commands that mean "edit the text" when a text field has focus. On macOS the menu's key
 * equivalents fire before the page sees the keys, so without this Cmd+C in a text field would copy
 * nodes instead of text.
 */
export const NATIVE_EDIT_OPS = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
  'edit.delete': 'delete',
} as const;

export type NativeEditOp = (typeof NATIVE_EDIT_OPS)[keyof typeof NATIVE_EDIT_OPS];

export function isNativeEditOp(value: unknown): value is NativeEditOp {
  return typeof value === 'string' && (Object.values(NATIVE_EDIT_OPS) as string[]).includes(value);
}
