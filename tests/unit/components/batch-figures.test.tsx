// @vitest-environment happy-dom
// Figures that agree: the batch panel, the report and the command line name each figure the same way
// and say what it counts; "Handed to a team" (passed an escalation step) and the outcome "escalated"
// are told apart, and cycle times say that they stop at a hand-off.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { runBatch } from '../../../shared/simulation/batch';
import { FIGURE_MEANINGS, FIGURE_NAMES, formatBatchText, HAND_OFF_NOTE, percent } from '../../../shared/simulation/batch-text';
import { keyFigures, reportCharts } from '../../../shared/report/batch-figures';
import { AppContext } from '../../../renderer/src/app/context';
import { ResultsSection } from '../../../renderer/src/batch/BatchResults';
import { supportTemplate } from '../../backend/simulation-helpers';
import { setup as fakeSetup } from '../renderer/recovery-fakes';

afterEach(cleanup);

const wf = supportTemplate();
const result = runBatch(wf, loadSampleData(), { runs: 500, seed: 1, slaMinutes: null });
const m = result.metrics;

async function panel() {
  const { app } = await fakeSetup();
  app.doc.load(wf);
  app.session.opened(wf, null, null);
  app.batch.store.setState({
    shown: { id: 'b1', startedAt: null, settings: result.settings, metrics: m, cancelled: false, document: wf, total: m.runs, durationMs: 10, inWorker: true, saved: true, saveError: null, aiUsage: null },
  });
  render(
    <AppContext.Provider value={app}>
      <ResultsSection />
    </AppContext.Provider>,
  );
}

describe('the batch’s figures', () => {
  it('differ between items handed to a team and items that ended as escalated, and each says so', () => {
    // The support template hands rejected drafts to agents, and they end as "rejected": two figures.
    expect(m.escalated).toBeGreaterThan(m.outcomes.escalated ?? 0);
  });

  it('are named and explained in the panel as in the report and on the command line', async () => {
    await panel();
    const escalated = screen.getByTestId('batch-figure-escalated');
    expect(within(escalated).getByText(FIGURE_NAMES.escalated)).toBeTruthy();
    expect(escalated.textContent).toContain(percent(m.escalated, m.runs));
    expect(escalated.getAttribute('title')).toBe(FIGURE_MEANINGS.escalated);
    expect(screen.getByTestId('batch-figure-reviewed').textContent).toContain(FIGURE_NAMES.reviewed);
    expect(screen.getByTestId('batch-figure-p50').getAttribute('title')).toContain(HAND_OFF_NOTE);
    expect(screen.getByTestId('batch-hand-off-note').textContent).toContain(HAND_OFF_NOTE);
    const outcomes = screen.getByTestId('batch-chart-outcomes');
    expect(outcomes.querySelector('figcaption')!.textContent).toBe(`${FIGURE_NAMES.outcomes}By the outcome their end step records; not the same as “${FIGURE_NAMES.escalated}”.`);

    const report = keyFigures(result).map((f) => f.label);
    expect(report).toEqual(expect.arrayContaining([FIGURE_NAMES.withoutPerson, FIGURE_NAMES.reviewed, `${FIGURE_NAMES.escalated} (passed an escalation step)`, `${FIGURE_NAMES.cycle} (to the end or the hand-off)`]));
    expect(reportCharts(result)[0].heading).toBe(FIGURE_NAMES.outcomes);
    const text = formatBatchText(result, wf);
    expect(text).toContain(`${FIGURE_NAMES.escalated} (passed an escalation step)`);
    expect(text).toContain(HAND_OFF_NOTE);
  });
});
