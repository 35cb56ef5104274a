import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS } from '../../../shared/api/commands';
import { buildMenuTemplate } from '../../../electron/main/menu';

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
      const item = (menu!.submenu as MenuItemConstructorOptions[]).find((i) => i.id === command.id);
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
