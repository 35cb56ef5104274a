// @vitest-environment happy-dom
// Canvas and dialogs: Escape closes the readiness checklists after a report export (the focus stays in
// the dialog, and Escape works even from the page); a run whose workflow changed since it started says
// so and runs again on the workflow as it is now.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { setLabel } from '../../../shared/model/edits/node-config';
import { createApi, unwrap } from '../../../renderer/src/client/transport';
import { AppContext } from '../../../renderer/src/app/context';
import { createController } from '../../../renderer/src/app/controller';
import { DialogHost } from '../../../renderer/src/dialogs/DialogHost';
import { PlayerSection } from '../../../renderer/src/simulation/SimPlayer';
import { simBackend, supportTemplate } from '../../backend/simulation-helpers';
import { fakePlatform } from '../renderer/recovery-fakes';

afterEach(cleanup);

async function controller() {
  const t = await simBackend();
  const api = createApi(async (method, params) => unwrap(await dispatch(t.backend, method, params), method));
  const downloads: string[] = [];
  const app = createController(api, { ...fakePlatform(), download: (name) => downloads.push(name) }, { autosaveMs: 600_000 });
  app.setInfo(await api['app.info']({}));
  const wf = supportTemplate();
  app.doc.load(wf);
  app.session.opened(wf, null, null);
  return { app, downloads };
}

describe('the readiness checklists', () => {
  it('keep the focus after a report export, and Escape closes them', async () => {
    const { app, downloads } = await controller();
    render(
      <AppContext.Provider value={app}>
        <DialogHost />
      </AppContext.Provider>,
    );
    let closed = false;
    await act(async () => {
      void app.run('view.readiness').then(() => (closed = true));
    });
    const dialog = await screen.findByTestId('readiness-panel');
    const html = screen.getByTestId('readiness-export-html');
    html.focus();
    act(() => {
      fireEvent.click(html);
    });
    // While the report is made, the button says so but stays focusable: a disabled button would drop
    // the focus to the page, out of the dialog.
    expect(html.getAttribute('aria-disabled')).toBe('true');
    expect(html.hasAttribute('disabled')).toBe(false);
    expect(html.textContent).toContain('Preparing…');
    await waitFor(() => expect(downloads).toEqual(['Support ticket triage readiness report.html']));
    await waitFor(() => expect(html.getAttribute('aria-disabled')).toBeNull());
    expect(document.activeElement).toBe(html);
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('readiness-panel')).toBeNull());
    await waitFor(() => expect(closed).toBe(true));
  });

  it('close with Escape even when the focus went back to the page', async () => {
    const { app } = await controller();
    render(
      <AppContext.Provider value={app}>
        <DialogHost />
      </AppContext.Provider>,
    );
    await act(async () => {
      void app.run('view.readiness');
    });
    await screen.findByTestId('readiness-panel');
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('readiness-panel')).toBeNull());
  });
});

describe('a run whose workflow changed', () => {
  it('says the workflow changed since the run started, and runs again on the workflow as it is now', async () => {
    const { app } = await controller();
    await app.sim.start({ document: app.doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    render(
      <AppContext.Provider value={app}>
        <PlayerSection />
      </AppContext.Provider>,
    );
    expect(screen.queryByTestId('sim-workflow-changed')).toBeNull();
    // Moving a step changes nothing the run depends on.
    act(() => app.doc.commit({ ...app.doc.workflow!, nodes: app.doc.workflow!.nodes.map((n) => (n.id === 'n2' ? { ...n, position: { x: 5, y: 5 } } : n)) }));
    expect(screen.queryByTestId('sim-workflow-changed')).toBeNull();
    act(() => app.doc.commit(setLabel(app.doc.workflow!, 'n7', 'Draft the answer')));
    const note = await screen.findByTestId('sim-workflow-changed');
    expect(note.textContent).toMatch(/^The workflow changed since this run started\. The replay shows the run as it ran, and the run goes on as it started\./);
    const first = app.sim.state.shown!.runId;
    await act(async () => {
      fireEvent.click(screen.getByTestId('sim-rerun'));
    });
    await waitFor(() => expect(app.sim.state.shown?.runId).not.toBe(first));
    expect(app.sim.state.shown?.document.nodes.find((n) => n.id === 'n7')?.label).toBe('Draft the answer');
    await waitFor(() => expect(screen.queryByTestId('sim-workflow-changed')).toBeNull());
    await app.sim.cancel();
  });
});
