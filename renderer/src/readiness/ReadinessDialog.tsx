// View → Readiness Checklists: the readiness summary, both checklists answered from the workflow on
// the canvas, and the report's export buttons. An open item's link closes the view and answers where
// it is fixed (the controller selects it). Wide, because the two lists sit side by side.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CommandId } from '../../../shared/api/commands';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { readiness, type Checklist, type ChecklistItem, type ReadinessSummary, type ReadinessTarget } from '../../../shared/readiness/checklists';
import { useAnalysis, useApp, useDoc } from '../app/context';
import { formatDateTime } from '../app/format-date';
import { Icon } from '../chrome/icons';
import { Dialog } from '../dialogs/Dialog';
import { latestBatchRecord, sameVersion, type BatchRecord } from './batch-freshness';
import { fixLabel } from './fix-targets';
import type { ReportFormat } from './report-export';
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './readiness.css';
import { plural } from '../../../shared/text';
import { errorText } from '../../../shared/text';

type BatchState = { state: 'loading' } | { state: 'none' } | { state: 'found'; record: BatchRecord } | { state: 'failed'; message: string };

type Resolve = (target: ReadinessTarget | null) => void;

const EXPORTS: { format: ReportFormat; command: CommandId; label: string; desktopOnly?: boolean }[] = [
  { format: 'html', command: 'file.exportReportHtml', label: 'HTML' },
  { format: 'markdown', command: 'file.exportReportMarkdown', label: 'Markdown' },
  { format: 'pdf', command: 'file.exportReportPdf', label: 'PDF', desktopOnly: true },
];

/** The batch history of this workflow, read when the view opens (nothing can run a batch while it is open). */
function useLatestBatch(workflowId: string): BatchState {
  const app = useApp();
  const [state, setState] = useState<BatchState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    latestBatchRecord(app.api, workflowId)
      .then(({ record }) => live && setState(record ? { state: 'found', record } : { state: 'none' }))
      .catch((e: unknown) => live && setState({ state: 'failed', message: errorText(e) }));
    return () => {
      live = false;
    };
  }, [app, workflowId]);
  return state;
}

function Tile({ tone, label, value, testId, children }: { tone: 'ok' | 'warn' | 'danger' | 'muted'; label: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <div className={`rd-tile tone-${tone}`} data-testid={testId}>
      <div className="rd-tile-label">{label}</div>
      <div className="rd-tile-value">{value}</div>
      {children && <div className="rd-tile-detail">{children}</div>}
    </div>
  );
}

function Summary({ wf, summary, batch, fresh, resolve }: { wf: Workflow; summary: ReadinessSummary; batch: BatchState; fresh: boolean; resolve: Resolve }) {
  const open = summary.total - summary.answered;
  const label = (id: string) => displayText(wf.nodes.find((n) => n.id === id)?.label ?? id, 60, id);
  let batchTile: { tone: 'ok' | 'warn' | 'muted'; value: string; detail: string };
  if (batch.state === 'loading') batchTile = { tone: 'muted', value: '…', detail: 'Checking the batch history…' };
  else if (batch.state === 'failed') batchTile = { tone: 'warn', value: 'Unknown', detail: `The batch history could not be read: ${batch.message}` };
  else if (batch.state === 'none') batchTile = { tone: 'warn', value: 'No', detail: 'No batch has been run yet. Run one in the Run tab.' };
  else {
    const s = batch.record.summary;
    const what = `${plural(s.runs, 'item')}, ${formatDateTime(s.finishedAt)}`;
    batchTile = fresh
      ? { tone: 'ok', value: 'Yes', detail: `The latest batch (${what}) ran on this version.` }
      : { tone: 'warn', value: 'No', detail: `The latest batch (${what}) ran on an earlier version. Run one again to see the effect of your edits.` };
  }
  return (
    <div className="rd-summary" data-testid="readiness-summary">
      <Tile tone={open === 0 ? 'ok' : 'warn'} label="Questions answered" value={`${summary.answered} of ${summary.total}`} testId="readiness-answered">
        <div className="rd-meter" aria-hidden="true">
          <span style={{ width: `${summary.total ? (100 * summary.answered) / summary.total : 0}%` }} />
        </div>
        {open === 0 ? 'Every question has an answer.' : `${plural(open, 'question')} still open.`}
      </Tile>
      <Tile
        tone={summary.errors ? 'danger' : summary.warnings ? 'warn' : 'ok'}
        label="Open findings"
        value={`${plural(summary.errors, 'error')} · ${plural(summary.warnings, 'warning')}`}
        testId="readiness-findings"
      >
        {summary.errors + summary.warnings === 0 ? (
          'The analysis found nothing to fix.'
        ) : (
          <>
            <button type="button" className="rd-link" data-testid="readiness-open-problems" onClick={() => resolve({ kind: 'workflow', field: 'problems' })}>
              The Problems panel
            </button>{' '}
            lists them, with fixes.
          </>
        )}
      </Tile>
      <Tile tone={summary.allSensitiveGated ? 'ok' : 'danger'} label="Sensitive actions gated" value={summary.allSensitiveGated ? 'Yes' : 'No'} testId="readiness-gated">
        {summary.allSensitiveGated ? (
          'Every step that changes, sends or triggers something waits for an approval, and sends what was approved.'
        ) : (
          <>
            {summary.ungatedNodeIds.length ? (
              <span className="rd-gap">
                Without an approval:{' '}
                {summary.ungatedNodeIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <button type="button" className="rd-link" data-testid={`readiness-ungated-${id}`} onClick={() => resolve({ kind: 'node', nodeId: id })}>
                      {label(id)}
                    </button>
                  </span>
                ))}
                {summary.changedAfterApprovalNodeIds.length ? '. ' : null}
              </span>
            ) : null}
            {summary.changedAfterApprovalNodeIds.length ? (
              <span className="rd-gap">
                Sends what changed after its approval:{' '}
                {summary.changedAfterApprovalNodeIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    <button type="button" className="rd-link" data-testid={`readiness-changed-${id}`} onClick={() => resolve({ kind: 'node', nodeId: id })}>
                      {label(id)}
                    </button>
                  </span>
                ))}
              </span>
            ) : null}
          </>
        )}
      </Tile>
      <Tile tone={batchTile.tone} label="Batch since the last edit" value={batchTile.value} testId="readiness-batch">
        {batchTile.detail}
      </Tile>
    </div>
  );
}

function Item({ wf, item, resolve }: { wf: Workflow; item: ChecklistItem; resolve: Resolve }) {
  const answered = item.answer !== null;
  // One link per place to fix (every step or connection at fault); gone ones get none.
  const links = answered ? [] : item.targets.map((t) => ({ target: t, label: fixLabel(wf, t) })).filter((l): l is { target: ReadinessTarget; label: string } => l.label !== null);
  return (
    <li className={`rd-item ${answered ? 'is-answered' : 'is-open'}`} data-testid={`readiness-item-${item.id}`} data-answered={answered}>
      <span className="rd-mark" aria-hidden="true">
        <Icon name={answered ? 'check' : 'alert'} size={15} />
      </span>
      <div className="rd-item-body">
        <h4 className="rd-question">{item.question}</h4>
        {answered ? (
          item.answerParts.length > 1 ? (
            <ul className="rd-parts">
              {item.answerParts.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ) : (
            <p className="rd-answer">{item.answer}</p>
          )
        ) : (
          <>
            <p className="rd-missing">
              <span className="rd-badge">Not answered</span> {item.missing}
            </p>
            {links.length === 1 ? (
              <button type="button" className="rd-link" data-testid={`readiness-fix-${item.id}`} onClick={() => resolve(links[0].target)}>
                {links[0].label}
              </button>
            ) : links.length > 1 ? (
              <ul className="rd-fix-links" data-testid={`readiness-fixes-${item.id}`}>
                {links.map((l, i) => (
                  <li key={i}>
                    <button type="button" className="rd-link" data-testid={i === 0 ? `readiness-fix-${item.id}` : `readiness-fix-${item.id}-${i}`} onClick={() => resolve(l.target)}>
                      {l.label}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </li>
  );
}

function ChecklistSection({ wf, list, resolve }: { wf: Workflow; list: Checklist; resolve: Resolve }) {
  const answered = list.items.filter((i) => i.answer !== null).length;
  return (
    <section className="rd-list" data-testid={`readiness-list-${list.id}`} aria-label={`${list.title} checklist`}>
      <div className="rd-list-head">
        <h3>{list.title}</h3>
        <span className="rd-count">
          {answered} of {list.items.length}
        </span>
      </div>
      <p className="muted small rd-list-intro">{list.description}</p>
      <ul className="rd-items">
        {list.items.map((item) => (
          <Item key={item.id} wf={wf} item={item} resolve={resolve} />
        ))}
      </ul>
    </section>
  );
}

export function ReadinessDialog({ resolve }: { resolve: Resolve }) {
  // `settled` stays put during a drag; the view never shows positions.
  const wf = useDoc((s) => s.settled);
  // The workflow was closed under the view (File → Close from the native menu): nothing left to show.
  useEffect(() => {
    if (!wf) resolve(null);
  }, [wf, resolve]);
  return wf ? <ReadinessView wf={wf} resolve={resolve} /> : null;
}

function ReadinessView({ wf, resolve }: { wf: Workflow; resolve: Resolve }) {
  const app = useApp();
  const analysis = useAnalysis((s) => s.result);
  const batch = useLatestBatch(wf.id);
  const fresh = batch.state === 'found' && sameVersion(batch.record.document as Workflow, wf);
  const ready = useMemo(() => readiness(wf, { analysis, batchSinceLastEdit: fresh }), [wf, analysis, fresh]);
  const [exporting, setExporting] = useState<ReportFormat | null>(null);
  const desktop = app.info?.mode === 'desktop';

  // The export buttons stay focusable while a report is made (aria-disabled, not disabled): a disabled
  // button drops the focus to the page, out of the dialog, and Escape would no longer close it. After the
  // export (a download, or the save dialog of the desktop app) the focus is back on the button clicked.
  const exportAs = async (format: ReportFormat, command: CommandId, button: HTMLButtonElement) => {
    if (exporting !== null) return;
    setExporting(format);
    try {
      await app.run(command);
    } finally {
      setExporting(null);
      if (button.isConnected) button.focus();
    }
  };

  return (
    <Dialog
      title={`Readiness of “${displayText(wf.name, 60, 'Untitled workflow')}”`}
      testId="readiness-panel"
      wide
      onDismiss={() => resolve(null)}
      initialFocus='[data-testid="readiness-close"]'
      footer={
        <>
          <span className="muted small">Export the report:</span>
          {EXPORTS.filter((x) => desktop || !x.desktopOnly).map((x) => (
            <button
              key={x.format}
              type="button"
              className="btn"
              aria-disabled={exporting !== null || undefined}
              onClick={(e) => void exportAs(x.format, x.command, e.currentTarget)}
              data-testid={`readiness-export-${x.format}`}
            >
              <Icon name={x.format === 'pdf' ? 'file' : x.format === 'html' ? 'file-code' : 'download'} size={14} />
              {exporting === x.format ? 'Preparing…' : x.label}
            </button>
          ))}
          <span className="spacer" />
          <button type="button" className="btn btn-primary" onClick={() => resolve(null)} data-testid="readiness-close">
            Close
          </button>
        </>
      }
    >
      <p className="muted rd-intro">
        Before this workflow goes live, these are the questions to answer. Each answer comes from the workflow itself; fix an open one where its link takes you.
      </p>
      <Summary wf={wf} summary={ready.summary} batch={batch} fresh={fresh} resolve={resolve} />
      <div className="rd-lists">
        {ready.checklists.map((list) => (
          <ChecklistSection key={list.id} wf={wf} list={list} resolve={resolve} />
        ))}
      </div>
    </Dialog>
  );
}
