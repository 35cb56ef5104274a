// @vitest-environment happy-dom
// The approval prompt of a rehearsal, driven by a user against the real backend (in-process, through
// the contract): the support template's run waits for the supervisor; the user edits the draft, writes a
// note and approves; the run goes on with both, and the reply sent is the edited one.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import { createApi, unwrap } from '../../../renderer/src/client/transport';
import { AppContext } from '../../../renderer/src/app/context';
import { createController } from '../../../renderer/src/app/controller';
import { PlayerSection } from '../../../renderer/src/simulation/SimPlayer';
import { simBackend, supportTemplate } from '../../backend/simulation-helpers';
import { fakePlatform } from '../renderer/recovery-fakes';

afterEach(cleanup);

/** A controller over the in-process backend with the support template open and its run waiting at the supervisor. */
async function waitingRun() {
  const t = await simBackend();
  const api = createApi(async (method, params) => unwrap(await dispatch(t.backend, method, params), method));
  const app = createController(api, fakePlatform(), { autosaveMs: 600_000 });
  const wf = supportTemplate();
  app.doc.load(wf);
  app.session.opened(wf, null, null);
  await app.sim.start({ document: wf, scenarioId: 'happy', approvals: 'ask' });
  // The replay would take a few steps' time to reach the gate: go straight to the end of what ran.
  app.sim.toEnd();
  render(
    <AppContext.Provider value={app}>
      <PlayerSection />
    </AppContext.Provider>,
  );
  return app;
}

const button = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;

describe('the approval prompt, clicked', () => {
  it('says who decides, sends an edited draft and a note with the approval, and the run sends the edited reply', async () => {
    const app = await waitingRun();
    const prompt = screen.getByTestId('sim-approval');
    expect(prompt.textContent).toContain('“Supervisor approves reply” waits for Support supervisor');
    expect(button('sim-timeout').title).toBe('Nobody answers within 4 h');
    const draft = screen.getByTestId('sim-edit-draft') as HTMLTextAreaElement;
    const original = draft.value;
    expect(original.length).toBeGreaterThan(0);
    expect(button('sim-approve').textContent).toBe('Approve');

    fireEvent.change(draft, { target: { value: `${original}\nP.S. Edited by the supervisor.` } });
    expect(button('sim-approve').textContent).toBe('Approve the edited draft');
    fireEvent.click(screen.getByTestId('sim-draft-reset'));
    expect(draft.value).toBe(original);
    expect(button('sim-approve').textContent).toBe('Approve');

    fireEvent.change(draft, { target: { value: 'Hello, your password reset link is on its way. P.S. Edited by the supervisor.' } });
    fireEvent.change(screen.getByTestId('sim-reject-note'), { target: { value: '  Shortened it.  ' } });
    fireEvent.click(button('sim-approve'));
    // The decision is on its way: no second click can send another.
    expect(button('sim-approve').disabled).toBe(true);
    expect(button('sim-reject').disabled).toBe(true);

    await waitFor(() => expect(app.sim.state.shown?.status).toBe('done'));
    await act(async () => app.sim.toEnd());
    expect(screen.queryByTestId('sim-approval')).toBeNull();
    expect(screen.getByTestId('sim-outcome-value').textContent).toBe('resolved');
    const trace = app.sim.state.shown!.trace;
    expect(trace.approvals).toEqual([expect.objectContaining({ nodeId: 'n8', decision: 'approved', decidedBy: 'user' })]);
    expect(trace.variables.reviewNote).toBe('Shortened it.');
    expect(trace.outbox.map((m) => m.body)).toContain('Hello, your password reset link is on its way. P.S. Edited by the supervisor.');
  });

  it('rejects with the note, and the run takes the rejected path', async () => {
    const app = await waitingRun();
    fireEvent.change(screen.getByTestId('sim-reject-note'), { target: { value: 'Wrong article quoted.' } });
    fireEvent.click(button('sim-reject'));
    await waitFor(() => expect(app.sim.state.shown?.status).toBe('done'));
    const trace = app.sim.state.shown!.trace;
    expect(trace.approvals).toEqual([expect.objectContaining({ nodeId: 'n8', decision: 'rejected', decidedBy: 'user' })]);
    expect(trace.variables.reviewNote).toBe('Wrong article quoted.');
    expect(trace.outbox.filter((m) => m.customerFacing)).toEqual([]);
  });
});
