// The batches kept for this workflow (show one, run it again exactly, tick two to compare) and the
// comparison itself: both batches' figures side by side, each difference with its direction and
// whether it is for the better.
import { Fragment } from 'react';
import { faultsText } from '../../../shared/simulation/batch-text';
import { thousands } from '../../../shared/text';
import { useApp } from '../app/context';
import { formatDateTime } from '../app/format-date';
import { Button, Section, cls } from '../panels/controls';
import { SimIcon } from '../simulation/SimIcons';
import { inputsLabel } from './BatchResults';
import { deltaText, valueText, type CompareRow } from './compare';
import { useBatch } from './hooks';

export function BatchHistorySection() {
  const app = useApp();
  const history = useBatch((s) => s.history);
  const warnings = useBatch((s) => s.historyWarnings);
  const picked = useBatch((s) => s.picked);
  const shownId = useBatch((s) => s.shown?.id ?? null);
  const loading = useBatch((s) => s.loading);
  const comparing = useBatch((s) => s.comparing);
  const busy = useBatch((s) => s.runningId !== null || s.starting);
  return (
    <Section title="Batch history" testId="batch-history" aside={history.length ? <span className="tab-badge">{history.length}</span> : undefined}>
      {warnings.map((w) => (
        <span key={w} className="fg-panel-warning">
          {w}
        </span>
      ))}
      {history.length ? (
        <>
          <span className="fg-panel-hint">Each batch is kept with its settings and the workflow as it ran, so it can be run again with the same results. Tick two to compare them.</span>
          <ul className="batch-history">
            {history.map((b) => (
              <li key={b.id} className={cls('batch-history-item', b.id === shownId && 'is-open', picked.includes(b.id) && 'is-picked')} data-testid={`batch-history-item-${b.id}`}>
                <input
                  type="checkbox"
                  className="batch-pick"
                  checked={picked.includes(b.id)}
                  aria-label={`Compare the batch of ${formatDateTime(b.startedAt)}`}
                  data-testid={`batch-pick-${b.id}`}
                  onChange={() => app.batch.togglePick(b.id)}
                />
                <button type="button" className="batch-history-open" data-testid={`batch-history-${b.id}`} title="Show this batch's results" onClick={() => void app.batch.show(b.id)}>
                  <span className="batch-history-title">
                    {thousands(b.runs)} {b.runs === 1 ? 'item' : 'items'}
                    {b.cancelled ? <span className="fg-panel-badge batch-badge-warn">cancelled at {thousands(b.runs)} of {thousands(b.settings.runs)}</span> : null}
                    {loading === b.id ? <span className="fg-panel-hint">opening…</span> : null}
                  </span>
                  <span className="fg-panel-hint">
                    {formatDateTime(b.startedAt)} · seed {b.settings.seed} · {inputsLabel(b.settings)} · faults: {faultsText(b.settings)}
                  </span>
                </button>
                <button
                  type="button"
                  className="fg-panel-button fg-panel-button-icon"
                  data-testid={`batch-rerun-${b.id}`}
                  title="Run again: the workflow as it ran then, with the same settings and seed"
                  aria-label="Run this batch again"
                  disabled={busy}
                  onClick={() => void app.batch.runAgain(b.id)}
                >
                  <SimIcon name="restart" size={12} />
                </button>
              </li>
            ))}
          </ul>
          <div className="batch-row">
            <Button testId="batch-compare" disabled={picked.length !== 2 || comparing} onClick={() => void app.batch.compare()}>
              {comparing ? 'Comparing…' : picked.length === 2 ? 'Compare the two ticked batches' : `Tick ${2 - picked.length} more to compare`}
            </Button>
          </div>
        </>
      ) : (
        <p className="fg-panel-empty">Finished batches of this workflow are kept here, also cancelled ones.</p>
      )}
    </Section>
  );
}

const ARROWS: Record<CompareRow['change'], string> = { up: '▲', down: '▼', same: '=' };
const TONE_WORDS: Record<CompareRow['tone'], string> = { better: 'better', worse: 'worse', neutral: 'changed', same: 'no change' };

export function CompareView() {
  const app = useApp();
  const comparison = useBatch((s) => s.comparison)!;
  const { a, b, result } = comparison;
  const groups = [...new Set(result.rows.map((r) => r.group))];
  const changed = result.rows.filter((r) => r.change !== 'same').length;
  return (
    <Section
      title="Comparison"
      testId="batch-compare-view"
      aside={
        <Button kind="link" testId="batch-compare-close" onClick={() => app.batch.closeComparison()}>
          Close
        </Button>
      }
    >
      <p className="fg-panel-hint">
        <strong className="batch-side">A</strong> {a.startedAt ? formatDateTime(a.startedAt) : 'earlier'} · <strong className="batch-side">B</strong> {b.startedAt ? formatDateTime(b.startedAt) : 'later'}.{' '}
        {changed ? `${changed} ${changed === 1 ? 'figure differs' : 'figures differ'}; ▲▼ is B against A, green for the better, red for the worse.` : 'No figure differs.'}
      </p>
      {result.workflowChanged ? (
        <p className="batch-note" data-testid="batch-compare-workflow-changed">
          The workflow changed between the two batches (steps, links or connections).
        </p>
      ) : null}
      {result.perThousand ? <p className="batch-note">The batches ran different numbers of items, so counts and hours are per 1,000 items.</p> : null}
      {result.handOffNote ? (
        <p className="batch-note is-warn" data-testid="batch-compare-hand-off">
          {result.handOffNote}
        </p>
      ) : null}
      <table className="batch-compare">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
          </tr>
        </thead>
        <tbody>
          {result.settings.map((s) => (
            <tr key={s.label} className={cls(s.differs && 'is-changed tone-neutral')}>
              <th scope="row">{s.label}</th>
              <td>{s.a}</td>
              <td>{s.b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="batch-compare" data-testid="batch-compare-table">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <Fragment key={g}>
              <tr className="batch-compare-group">
                <th scope="rowgroup" colSpan={4}>
                  {g}
                </th>
              </tr>
              {result.rows
                .filter((r) => r.group === g)
                .map((r) => (
                  <tr key={r.key} className={cls(r.change !== 'same' && 'is-changed', `tone-${r.tone}`)} data-testid={`batch-compare-row-${r.key}`} data-change={r.change} data-tone={r.tone}>
                    <th scope="row">{r.label}</th>
                    <td>{valueText(r.a, r.unit)}</td>
                    <td>{valueText(r.b, r.unit)}</td>
                    <td className="batch-delta" title={TONE_WORDS[r.tone]}>
                      {r.change === 'same' ? (
                        <span className="fg-panel-hint">=</span>
                      ) : (
                        <>
                          <span aria-hidden="true">{ARROWS[r.change]}</span>{'\u00a0'}
                          {deltaText(r)}
                          <span className="batch-sr"> ({TONE_WORDS[r.tone]})</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
