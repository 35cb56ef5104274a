// @vitest-environment happy-dom
// The toolbar as a newcomer meets it: its buttons in named groups, each with a tooltip that names it
// and its shortcut, the main ones (Run, Check, Export) labelled in words; Export opens a menu of every
// export; Run rehearses one item in the Run tab and, by default, stops at the approval for the user.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { COMMANDS, commandAvailable, shortcutText } from '../../../shared/api/commands';
import { createApi, unwrap } from '../../../renderer/src/client/transport';
import { AppContext } from '../../../renderer/src/app/context';
import { createController } from '../../../renderer/src/app/controller';
import { Toolbar } from '../../../renderer/src/chrome/Toolbar';
import { simBackend, supportTemplate } from '../../backend/simulation-helpers';
import { fakePlatform } from '../renderer/recovery-fakes';

afterEach(cleanup);

async function toolbar() {
  const t = await simBackend();
  const api = createApi(async (method, params) => unwrap(await dispatch(t.backend, method, params), method));
  const downloads: string[] = [];
  const app = createController(api, { ...fakePlatform(), download: (name) => downloads.push(name) }, { autosaveMs: 600_000 });
  app.setInfo(await api['app.info']({}));
  const wf = supportTemplate();
  app.doc.load(wf);
  app.session.opened(wf, null, null);
  render(
    <AppContext.Provider value={app}>
      <Toolbar />
    </AppContext.Provider>,
  );
  return { app, downloads };
}

describe('the toolbar', () => {
  it('groups its buttons under names, and labels Run, Check and Export in words', async () => {
    await toolbar();
    const bar = screen.getByRole('toolbar');
    const groups = within(bar).getAllByRole('group').map((g) => g.getAttribute('aria-label'));
    expect(groups).toEqual(['Start page', 'File', 'Undo and redo', 'Edit', 'Rehearse, check and export', 'View', 'Settings and help']);
    const labelled = [...bar.querySelectorAll('.tool-text')].map((t) => t.textContent);
    expect(labelled).toEqual(['Run', 'Check', 'Export']);
  });

  it('gives every button a tooltip that names it, with its shortcut where it has one', async () => {
    await toolbar();
    const buttons = [...screen.getByRole('toolbar').querySelectorAll('button')];
    expect(buttons.length).toBeGreaterThan(20);
    for (const b of buttons) expect(b.title.trim(), b.dataset.testid).not.toBe('');
    // Every command with a shortcut shows it in its tooltip, as the shortcuts list writes it.
    for (const c of COMMANDS) {
      const b = screen.queryByTestId(`tb-${c.id}`);
      if (!b || !('accelerator' in c)) continue;
      const keys = 'browserAccelerator' in c ? c.browserAccelerator : c.accelerator;
      expect(b.title, c.id).toContain(`(${shortcutText(keys, false)})`);
    }
    expect(screen.getByTestId('tb-file.save').title).toBe('Save (Ctrl+S)');
    expect(screen.getByTestId('tb-view.run').title).toBe('Run: rehearse one item in the Run tab (F5)');
  });

  it('opens Export as a menu of every export this shell has, with shortcuts, and runs the one chosen', async () => {
    const { downloads } = await toolbar();
    const button = screen.getByTestId('tb-menu-export');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    const menu = screen.getByRole('menu');
    const items = within(menu).getAllByRole('menuitem').map((i) => i.textContent);
    expect(items).toEqual([
      'Workflow file (JSON)Ctrl+E',
      'Diagram as SVG',
      'Diagram as PNG',
      'Readiness report as HTML',
      'Readiness report as Markdown',
      // No PDF in browser mode: only the desktop app prints one.
      'To Camunda 8 (BPMN)…',
      'As an n8n workflow…',
    ]);
    expect(commandAvailable('file.exportReportPdf', false)).toBe(false);
    fireEvent.click(within(menu).getByText('Workflow file (JSON)'));
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(downloads).toEqual(['Support ticket triage.flowgate.json']));
  });

  it('moves through the Export menu with the keyboard and closes it with Escape, focus back on the button', async () => {
    await toolbar();
    const button = screen.getByTestId('tb-menu-export');
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = screen.getByRole('menu');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Workflow file (JSON)Ctrl+E'));
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('As an n8n workflow…');
    fireEvent.keyDown(menu, { key: 'Home' });
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Diagram as SVG');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('runs one item from Run: the Run tab opens and the run waits at the approval for the user', async () => {
    const { app } = await toolbar();
    app.batch.setMode('batch');
    await act(async () => {
      fireEvent.click(screen.getByTestId('tb-view.run'));
    });
    await waitFor(() => expect(app.sim.state.shown?.status).toBe('waiting'));
    expect(app.ui.state.tab).toBe('simulation');
    expect(app.batch.store.getState().mode).toBe('single');
    expect(app.sim.state.shown?.waiting?.nodeId).toBe('n8');
    // The first scenario is chosen and kept as the panel's choice.
    expect(app.sim.state.source).toBe('scenario:happy');
    await app.sim.cancel();
  });
});
