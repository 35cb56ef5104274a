// Labels and shortcut text for commands, from the shared list.
import { COMMANDS, shortcutsOf, shortcutText, type CommandId, type CommandSpec } from '../../../shared/api/commands';
import { IS_DESKTOP, IS_MAC } from '../app/keyboard';

const BY_ID = new Map<string, CommandSpec>((COMMANDS as readonly CommandSpec[]).map((c) => [c.id, c]));

export function commandLabel(id: CommandId): string {
  const c = BY_ID.get(id);
  return (c?.fullLabel ?? c?.label ?? id).replace(/…$/, '');
}

/** The command's main shortcut in this shell (browser mode: the one the browser lets through). */
export function commandShortcut(id: CommandId): string | null {
  const c = BY_ID.get(id);
  if (!c?.accelerator && !c?.browserAccelerator) return null;
  const [main] = shortcutsOf(c, IS_DESKTOP);
  return main ? shortcutText(main, IS_MAC) : null;
}

/** "Save (Ctrl+S)" for tooltips. */
export function commandTitle(id: CommandId, label = commandLabel(id)): string {
  const keys = commandShortcut(id);
  return keys ? `${label} (${keys})` : label;
}
