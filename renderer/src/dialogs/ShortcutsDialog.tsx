// Help → Keyboard Shortcuts, from the same command list as the menus and the key handling.
import { COMMANDS, commandAvailable, nativeShortcutsFor, shortcutsOf, shortcutText, type CommandId, type CommandSpec } from '../../../shared/api/commands';
import { IS_DESKTOP, IS_MAC } from '../app/keyboard';
import { Dialog } from './Dialog';

const MENUS = ['File', 'Edit', 'View', 'Help'] as const;

const EXTRA: { menu: (typeof MENUS)[number]; label: string; keys: string[] }[] = [
  { menu: 'Edit', label: 'Add to the selection', keys: ['Shift+click'] },
  { menu: 'Edit', label: 'Select with a box', keys: ['Shift+drag'] },
  { menu: 'Edit', label: 'Write on a sticky note', keys: ['Double-click'] },
  { menu: 'View', label: 'Pan the canvas', keys: ['Drag the background'] },
  { menu: 'View', label: 'Zoom', keys: ['Scroll wheel'] },
];

export function ShortcutsDialog({ resolve }: { resolve(v: null): void }) {
  // The desktop app's menu also has items Electron runs itself (Quit, Full Screen…): list those too.
  const native = IS_DESKTOP ? nativeShortcutsFor(IS_MAC) : [];
  const commands = (COMMANDS as readonly CommandSpec[]).filter((c) => commandAvailable(c.id as CommandId, IS_DESKTOP));
  // Browser mode: the keys the browser keeps (Ctrl+N, Ctrl+W) have stand-ins; say which.
  const standIns = IS_DESKTOP ? [] : commands.filter((c) => c.browserAccelerator && c.accelerator);
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
                {commands.filter((c) => c.menu === menu).map((c) => {
                  const keys = shortcutsOf(c, IS_DESKTOP);
                  return (
                    <tr key={c.id} data-testid={`shortcut-${c.id}`}>
                      <td>{(c.fullLabel ?? c.label).replace(/…$/, '')}</td>
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
      {standIns.length > 0 && (
        <p className="muted small" data-testid="shortcuts-browser-note">
          {`In the browser, ${standIns.map((c) => `${shortcutText(c.browserAccelerator!, IS_MAC)} stands in for ${shortcutText(c.accelerator!, IS_MAC)}`).join(' and ')}: the browser keeps ${standIns.length === 1 ? 'that key' : 'those keys'} for its own windows and tabs.`}
        </p>
      )}
    </Dialog>
  );
}
