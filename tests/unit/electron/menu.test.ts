import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, nativeShortcutsFor, shortcutText } from '../../../shared/api/commands';
import { OPEN_RECENT_ID, buildMenuTemplate } from '../../../electron/main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(opts: { isMac?: boolean; isDev?: boolean } = {}) {
  const sent: string[] = [];
  const template = buildMenuTemplate({ isMac: opts.isMac ?? false, isDev: opts.isDev ?? false, appName: 'Flowgate', send: (c) => sent.push(c) });
  return { template, items: flatten(template), sent };
}

describe('application menu', () => {
  it('has every command, under its menu, with its label and accelerator', () => {
    const { template } = build();
    for (const command of COMMANDS) {
      const menu = template.find((m) => m.label === command.menu);
      expect(menu, command.menu).toBeDefined();
      // A command that names a submenu sits in it (File → Export → …).
      const parent = 'submenu' in command ? (menu!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === command.submenu) : menu;
      const item = (parent!.submenu as MenuItemConstructorOptions[]).find((i) => i.id === command.id);
      expect(item, command.id).toBeDefined();
      expect(item!.label).toBe(command.label);
      expect(item!.accelerator).toBe('accelerator' in command ? command.accelerator : undefined);
    }
  });

  it('sends the command id when an item is clicked', () => {
    const { items, sent } = build();
    for (const command of COMMANDS) {
      const item = items.find((i) => i.id === command.id)!;
      (item.click as () => void)();
    }
    expect(sent).toEqual(COMMANDS.map((c) => c.id));
  });

  it('lists Keyboard Shortcuts under Help as a command', () => {
    const { template } = build();
    const help = template.find((m) => m.label === 'Help')!;
    expect((help.submenu as MenuItemConstructorOptions[]).map((i) => i.id)).toContain('help.shortcuts');
  });

  it('does not register shortcuts without Cmd/Ctrl, so they cannot swallow typing', () => {
    const { items } = build();
    expect(items.find((i) => i.id === 'edit.delete')!.registerAccelerator).toBe(false);
    expect(items.find((i) => i.id === 'view.fit')!.registerAccelerator).toBe(false);
    expect(items.find((i) => i.id === 'file.save')!.registerAccelerator).toBe(true);
  });

  it('offers Reload and Developer Tools only in development', () => {
    const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);
    expect(roles(build({ isDev: false }).items)).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(build({ isDev: false }).items)).not.toContain('toggleDevTools');
    expect(roles(build({ isDev: true }).items)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('has About and Quit on every platform, in the app menu on macOS', () => {
    for (const isMac of [false, true]) {
      const { template, items } = build({ isMac });
      expect(items.some((i) => i.role === 'about')).toBe(true);
      expect(items.some((i) => i.role === 'quit')).toBe(true);
      if (isMac) expect((template[0].submenu as MenuItemConstructorOptions[]).map((i) => i.role)).toEqual(expect.arrayContaining(['about', 'quit']));
    }
  });

  it('uses each accelerator once', () => {
    const accelerators = build().items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});

describe('every shortcut is listed', () => {
  // Roles for which Electron supplies a shortcut of its own when the item does not set one.
  const ROLES_WITH_DEFAULT_SHORTCUT = new Set(['quit', 'togglefullscreen', 'hide', 'hideOthers', 'minimize', 'close', 'reload', 'forceReload', 'toggleDevTools', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'windowMenu', 'editMenu', 'viewMenu', 'appMenu', 'fileMenu']);

  it.each([false, true])('on %s (macOS?), every accelerator in the menu is in COMMANDS or NATIVE_SHORTCUTS, and vice versa', (isMac) => {
    const { items } = build({ isMac });
    const listed = new Set([...COMMANDS.flatMap((c) => ('accelerator' in c ? [c.accelerator] : [])), ...nativeShortcutsFor(isMac).map((n) => n.accelerator)]);
    for (const item of items) if (item.accelerator) expect(listed, `${item.id ?? item.role}`).toContain(item.accelerator);
    for (const native of nativeShortcutsFor(isMac)) {
      expect(items.find((i) => i.role === native.role)?.accelerator, native.role).toBe(native.accelerator);
    }
    // No role item may bring an unlisted shortcut of Electron's own.
    for (const item of items) if (item.role && ROLES_WITH_DEFAULT_SHORTCUT.has(item.role)) expect(item.accelerator, item.role).toBeDefined();
  });

  it('native shortcuts do not collide with the commands', () => {
    for (const isMac of [false, true]) {
      const all = [...COMMANDS.flatMap((c) => ('accelerator' in c ? [c.accelerator, ...('alternatives' in c ? c.alternatives : [])] : [])), ...nativeShortcutsFor(isMac).map((n) => n.accelerator)];
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('shows native shortcuts in each platform\'s notation', () => {
    expect(shortcutText('Control+CmdOrCtrl+F', true)).toBe('⌃⌘F');
    expect(shortcutText('Alt+CmdOrCtrl+H', true)).toBe('⌥⌘H');
    expect(shortcutText('CmdOrCtrl+Q', false)).toBe('Ctrl+Q');
  });
});

describe('File → Open Recent', () => {
  it('comes right after Open… with the items it is given, and is absent without them', () => {
    const openRecent: MenuItemConstructorOptions[] = [{ id: 'recent.0', label: 'Support triage' }];
    const template = buildMenuTemplate({ isMac: false, isDev: false, appName: 'Flowgate', send: () => {}, openRecent });
    const file = template.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];
    const at = file.findIndex((i) => i.id === 'file.open');
    expect(file[at + 1]).toMatchObject({ id: OPEN_RECENT_ID, label: 'Open Recent', submenu: openRecent });
    expect(build().items.some((i) => i.id === OPEN_RECENT_ID)).toBe(false);
  });
});
