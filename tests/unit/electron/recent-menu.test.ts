// File → Open Recent: built from the library's recent list, rebuilt when it changes, and handing a
// clicked file to the renderer like an OS open-file.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { RecentMenu, recentMenuItems, type RecentMenuEntry } from '../../../electron/main/recent-menu';

const entry = (path: string, name: string, exists = true): RecentMenuEntry => ({ path, name, exists });
const noop = { open: () => {}, clear: () => {} };

describe('recentMenuItems', () => {
  it('lists each file by its workflow name, with the full path as sublabel, then Clear Recent', () => {
    const open = vi.fn();
    const clear = vi.fn();
    const items = recentMenuItems([entry('/w/a.flowgate.json', 'Support triage'), entry('/w/b.flowgate.json', 'Invoices')], { open, clear }, true);
    expect(items.map((i) => i.label ?? i.type)).toEqual(['Support triage', 'Invoices', 'separator', 'Clear Recent']);
    expect(items[0]).toMatchObject({ sublabel: '/w/a.flowgate.json', enabled: true });
    (items[1].click as () => void)();
    expect(open).toHaveBeenCalledWith('/w/b.flowgate.json');
    (items[3].click as () => void)();
    expect(clear).toHaveBeenCalledOnce();
  });

  it('says so when there is nothing recent', () => {
    expect(recentMenuItems([], noop, false)).toEqual([{ id: 'recent.none', label: 'No Recent Workflows', enabled: false }]);
  });

  it('greys out files that are gone', () => {
    const [item] = recentMenuItems([entry('/w/gone.flowgate.json', 'Gone', false)], noop, true);
    expect(item).toMatchObject({ label: 'Gone (not found)', enabled: false });
  });

  it('tells workflows of one name apart by their folder', () => {
    const items = recentMenuItems([entry('/clients/acme/x.flowgate.json', 'Triage'), entry('/clients/globex/x.flowgate.json', 'Triage')], noop, true);
    expect(items.slice(0, 2).map((i) => i.label)).toEqual(['Triage — acme', 'Triage — globex']);
  });

  it('keeps hostile names to one short, plain line', () => {
    const [long, control, bidi, empty] = recentMenuItems(
      [
        entry('/w/long.flowgate.json', 'L'.repeat(5000)),
        entry('/w/c.flowgate.json', 'line one\nline\u0000two\ttab'),
        entry('/w/b.flowgate.json', 'invoice\u202Egpj.exe'),
        entry('/w/untitled.flowgate.json', ' \u0007 '),
      ],
      noop,
      true,
    );
    expect(Array.from(long.label!).length).toBeLessThanOrEqual(60);
    expect(long.label!.endsWith('…')).toBe(true);
    expect(control.label).toBe('line one line two tab');
    expect(bidi.label).toBe('invoicegpj.exe');
    expect(empty.label).toBe('untitled.flowgate.json');
  });

  it('doubles "&" on Windows and Linux, where a single one marks a mnemonic', () => {
    expect(recentMenuItems([entry('/w/a.flowgate.json', 'Sales & leads')], noop, false)[0].label).toBe('Sales && leads');
    expect(recentMenuItems([entry('/w/a.flowgate.json', 'Sales & leads')], noop, true)[0].label).toBe('Sales & leads');
  });
});

function setup(initial: RecentMenuEntry[] = []) {
  let list = initial;
  const installed: MenuItemConstructorOptions[][] = [];
  const deps = {
    list: vi.fn(async () => list),
    remove: vi.fn(async (p: string) => {
      list = list.filter((e) => e.path !== p);
    }),
    addToOs: vi.fn(),
    clearOs: vi.fn(),
    install: vi.fn((items: MenuItemConstructorOptions[]) => void installed.push(items)),
    open: vi.fn(),
    isMac: true,
  };
  const menu = new RecentMenu(deps);
  return { menu, deps, installed, setList: (l: RecentMenuEntry[]) => (list = l) };
}

const labels = (items: MenuItemConstructorOptions[] | undefined) => (items ?? []).filter((i) => i.id?.match(/^recent\.\d/)).map((i) => i.label);

describe('RecentMenu', () => {
  it('rebuilds the menu when the list changes, and only then', async () => {
    const { menu, deps, installed, setList } = setup([entry('/w/a.flowgate.json', 'A')]);
    await menu.refresh();
    expect(labels(installed.at(-1))).toEqual(['A']);
    await menu.refresh();
    expect(deps.install).toHaveBeenCalledTimes(1);
    setList([entry('/w/b.flowgate.json', 'B'), entry('/w/a.flowgate.json', 'A')]);
    await menu.changed({ kind: 'added', path: '/w/b.flowgate.json' });
    expect(labels(installed.at(-1))).toEqual(['B', 'A']);
    expect(deps.install).toHaveBeenCalledTimes(2);
  });

  it('adds opened and saved files to the OS list, once while the same file keeps being saved', async () => {
    const { menu, deps } = setup();
    await menu.changed({ kind: 'added', path: '/w/a.flowgate.json' });
    await menu.changed({ kind: 'added', path: '/w/a.flowgate.json' });
    await menu.changed({ kind: 'added', path: '/w/b.flowgate.json' });
    await menu.changed({ kind: 'removed', path: '/w/b.flowgate.json' });
    expect(deps.addToOs.mock.calls).toEqual([['/w/a.flowgate.json'], ['/w/b.flowgate.json']]);
  });

  it('clicking an entry opens the file through the OS open-file path', async () => {
    const { menu, deps, installed } = setup([entry('/w/a.flowgate.json', 'A')]);
    await menu.refresh();
    (installed[0][0].click as () => void)();
    expect(deps.open).toHaveBeenCalledWith('/w/a.flowgate.json');
  });

  it('Clear Recent forgets every entry, here and in the OS', async () => {
    const { menu, deps, installed } = setup([entry('/w/a.flowgate.json', 'A'), entry('/w/b.flowgate.json', 'B')]);
    await menu.refresh();
    await menu.clear();
    expect(deps.remove.mock.calls).toEqual([['/w/a.flowgate.json'], ['/w/b.flowgate.json']]);
    expect(deps.clearOs).toHaveBeenCalledOnce();
    expect(installed.at(-1)).toEqual([{ id: 'recent.none', label: 'No Recent Workflows', enabled: false }]);
  });

  it('a slow, older refresh never replaces a newer list; a failing one keeps the menu', async () => {
    const { menu, deps, installed } = setup();
    let releaseOld!: (v: RecentMenuEntry[]) => void;
    deps.list.mockImplementationOnce(() => new Promise((r) => (releaseOld = r)));
    const old = menu.refresh();
    deps.list.mockResolvedValueOnce([entry('/w/new.flowgate.json', 'New')]);
    await menu.refresh();
    releaseOld([entry('/w/old.flowgate.json', 'Old')]);
    await old;
    expect(labels(installed.at(-1))).toEqual(['New']);
    deps.list.mockRejectedValueOnce(new Error('disk gone'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await menu.refresh();
    warn.mockRestore();
    expect(labels(installed.at(-1))).toEqual(['New']);
  });
});
