// The native application menu, built from COMMANDS and NATIVE_SHORTCUTS (shared/api/commands.ts) so
// that menus, the renderer's shortcuts and Help → Keyboard Shortcuts can never disagree. Every command
// item sends its id to the window; the renderer does the work. Items Electron runs itself (Quit, Full
// Screen…) get their accelerators from NATIVE_SHORTCUTS rather than Electron's hidden defaults.
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, nativeShortcutsFor, type CommandId, type CommandSpec, type NativeShortcut } from '../../shared/api/commands';

export interface MenuOptions {
  isMac: boolean;
  /** Development runs get Reload and Toggle Developer Tools. */
  isDev: boolean;
  appName: string;
  send(command: CommandId): void;
  /** The items of File → Open Recent (see recent-menu.ts); the submenu is left out when absent. */
  openRecent?: MenuItemConstructorOptions[];
}

/** Id of the File → Open Recent submenu. */
export const OPEN_RECENT_ID = 'file.openRecent';

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
  const native = nativeShortcutsFor(isMac);
  /** A role item with the accelerator NATIVE_SHORTCUTS gives it on this platform, if any. */
  const role = (r: NativeShortcut['role'], extra: MenuItemConstructorOptions = {}): MenuItemConstructorOptions => {
    const shortcut = native.find((n) => n.role === r);
    return { role: r, ...extra, ...(shortcut ? { accelerator: shortcut.accelerator } : {}) };
  };
  const items = (menu: CommandSpec['menu']) => withSubmenus((COMMANDS as readonly CommandSpec[]).filter((c) => c.menu === menu), send);
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const quit = role('quit', { label: 'Quit Flowgate' });
  const extra: Record<CommandSpec['menu'], MenuItemConstructorOptions[]> = {
    File: isMac ? [] : [sep, quit],
    Edit: [],
    View: [sep, role('togglefullscreen'), ...(isDev ? [sep, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : [])],
    Help: isMac ? [] : [sep, { role: 'about', label: 'About Flowgate' }],
  };
  const template: MenuItemConstructorOptions[] = MENUS.map((menu) => ({
    label: menu,
    ...(menu === 'Help' ? { role: 'help' as const } : {}),
    submenu: [...withOpenRecent(items(menu), options.openRecent), ...extra[menu]],
  }));
  if (isMac) {
    template.unshift({
      label: appName,
      submenu: [{ role: 'about', label: 'About Flowgate' }, sep, { role: 'services' }, sep, role('hide'), role('hideOthers'), { role: 'unhide' }, sep, quit],
    });
    // Spelled out instead of role 'windowMenu', so that every shortcut in it is one we list.
    template.splice(template.length - 1, 0, { label: 'Window', role: 'window', submenu: [role('minimize'), { role: 'zoom' }, sep, { role: 'front' }] });
  }
  return template;
}

/** A menu's items; commands that name a submenu go into it (File → Export → …), where the first of them is listed. */
function withSubmenus(commands: readonly CommandSpec[], send: MenuOptions['send']): MenuItemConstructorOptions[] {
  const out: MenuItemConstructorOptions[] = [];
  const submenus = new Map<string, MenuItemConstructorOptions[]>();
  for (const c of commands) {
    if (!c.submenu) {
      out.push(commandItem(c, send));
      continue;
    }
    let group = submenus.get(c.submenu);
    if (!group) {
      group = [];
      submenus.set(c.submenu, group);
      out.push({ id: `submenu.${c.submenu}`, label: c.submenu, submenu: group });
    }
    group.push(commandItem(c, send));
  }
  return out;
}

/** Puts Open Recent right after Open…, where every desktop app has it. */
function withOpenRecent(items: MenuItemConstructorOptions[], openRecent: MenuItemConstructorOptions[] | undefined): MenuItemConstructorOptions[] {
  const at = items.findIndex((i) => i.id === 'file.open');
  if (!openRecent || at < 0) return items;
  return [...items.slice(0, at + 1), { id: OPEN_RECENT_ID, label: 'Open Recent', submenu: openRecent }, ...items.slice(at + 1)];
}
