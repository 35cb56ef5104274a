// Help → Keyboard Shortcuts, from the same command list as the menus and the key handling.
import { COMMANDS, commandAvailable, nativeShortcutsFor, shortcutText } from '../../../shared/api/commands';
import { IS_MAC } from '../app/keyboard';
import { Dialog } from './Dialog';

const MENUS = ['File', 'Edit', 'View', 'Help'] as const;

const EXTRA: { menu: (typeof MENUS)[number]; label: string; keys: string[] }[] = [
  { menu: 'Edit', label: 'Add to the selection', keys: ['Shift+click'] },
  { menu: 'Edit', label: 'Select with a box', keys: ['Shift+drag'] },
  { menu: 'View', label: 'Pan the canvas', keys: ['Drag the background'] },
  { menu: 'View', label: 'Zoom', keys: ['Scroll wheel'] },
];

export function ShortcutsDialog({ resolve }: { resolve(v: null): void }) {
  // The desktop app's menu also has items Electron runs itself (Quit, Full Screen…): list those too.
  const native = window.flowgate ? nativeShortcutsFor(IS_MAC) : [];
  return (
    <Dialog
      title="Keyboard shortcuts"
      testId="dialog-shortcuts"
      wide
      onDismiss={() => resolve(null)}
      footer={
        <button type="button" className="btn btn-primary" onClick={() => resolve(null)}>
          Close
        </button>
      }
    >
      <div className="shortcut-columns">
        {MENUS.map((menu) => (
          <section key={menu}>
            <h3 className="section-title">{menu}</h3>
            <table className="shortcut-table">
              <tbody>
                {COMMANDS.filter((c) => c.menu === menu && commandAvailable(c.id, !!window.flowgate)).map((c) => {
                  const keys = [...('accelerator' in c && c.accelerator ? [c.accelerator] : []), ...('alternatives' in c ? c.alternatives : [])];
                  return (
                    <tr key={c.id} data-testid={`shortcut-${c.id}`}>
                      <td>{c.label.replace(/…$/, '')}</td>
                      <td className="keys">
                        {keys.length ? keys.map((k) => <kbd key={k}>{shortcutText(k, IS_MAC)}</kbd>) : <span className="muted">—</span>}
                      </td>
                    </tr>
                  );
                })}
                {native
                  .filter((n) => n.menu === menu)
                  .map((n) => (
                    <tr key={`${n.role}-${n.accelerator}`}>
                      <td>{n.label}</td>
                      <td className="keys">
                        <kbd>{shortcutText(n.accelerator, IS_MAC)}</kbd>
                      </td>
                    </tr>
                  ))}
                {EXTRA.filter((x) => x.menu === menu).map((x) => (
                  <tr key={x.label}>
                    <td>{x.label}</td>
                    <td className="keys">
                      {x.keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <p className="muted small">While you type in a field, Undo, Redo, Cut, Copy, Paste, Delete and Select All act on the text in that field.</p>
    </Dialog>
  );
}
