// The native application menu, built from COMMANDS (shared/api/commands.ts) so that menus, the
// renderer's shortcuts and Help → Keyboard Shortcuts can never disagree. Every command item sends its
// id to the window; the renderer does the work.
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, type CommandId, type CommandSpec } from '../../shared/api/commands';

export interface MenuOptions {
  isMac: boolean;
  /** Development runs get Reload and Toggle Developer Tools. */
  isDev: boolean;
  appName: string;
  send(command: CommandId): void;
}

const MENUS: CommandSpec['menu'][] = ['File', 'Edit', 'View', 'Help'];

/**
 * Accelerators without Cmd/Ctrl (Delete, Shift+1) are shown but not registered: registered, they
 * would swallow those keys while the user types in a text field. The renderer handles them itself.
 */
export function registersAccelerator(accelerator: string): boolean {
  return accelerator.includes('CmdOrCtrl');
}

function commandItem(spec: CommandSpec, send: MenuOptions['send']): MenuItemConstructorOptions {
  const item: MenuItemConstructorOptions = { id: spec.id, label: spec.label, click: () => send(spec.id as CommandId) };
  if (spec.accelerator) {
    item.accelerator = spec.accelerator;
    item.registerAccelerator = registersAccelerator(spec.accelerator);
  }
  return item;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, isDev, appName, send } = options;
  const items = (menu: CommandSpec['menu']) => (COMMANDS as readonly CommandSpec[]).filter((c) => c.menu === menu).map((c) => commandItem(c, send));
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const extra: Record<CommandSpec['menu'], MenuItemConstructorOptions[]> = {
    File: isMac ? [] : [sep, { role: 'quit', label: 'Quit Flowgate' }],
    Edit: [],
    View: [sep, { role: 'togglefullscreen' }, ...(isDev ? [sep, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : [])],
    Help: isMac ? [] : [sep, { role: 'about', label: 'About Flowgate' }],
  };
  const template: MenuItemConstructorOptions[] = MENUS.map((menu) => ({
    label: menu,
    ...(menu === 'Help' ? { role: 'help' as const } : {}),
    submenu: [...items(menu), ...extra[menu]],
  }));
  if (isMac) {
    template.unshift({
      label: appName,
      submenu: [{ role: 'about', label: 'About Flowgate' }, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit', label: 'Quit Flowgate' }],
    });
    template.splice(template.length - 1, 0, { role: 'windowMenu' });
  }
  return template;
}
