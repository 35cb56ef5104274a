// Labels and shortcut text for commands, from the shared list.
import { COMMANDS, shortcutText, type CommandId } from '../../../shared/api/commands';
import { IS_MAC } from '../app/keyboard';

const BY_ID = new Map<string, (typeof COMMANDS)[number]>(COMMANDS.map((c) => [c.id, c]));

export function commandLabel(id: CommandId): string {
  return (BY_ID.get(id)?.label ?? id).replace(/…$/, '');
}

export function commandShortcut(id: CommandId): string | null {
  const c = BY_ID.get(id);
  return c && 'accelerator' in c && c.accelerator ? shortcutText(c.accelerator, IS_MAC) : null;
}

/** "Save (Ctrl+S)" for tooltips. */
export function commandTitle(id: CommandId, label = commandLabel(id)): string {
  const keys = commandShortcut(id);
  return keys ? `${label} (${keys})` : label;
}
