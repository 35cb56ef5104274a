// The replay: its controls (restart, play / pause, step, to the end, speed), the approval the run waits
// at, the outcome, and the timeline of events (click one to select its step on the canvas).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { displayText } from '../../../shared/model/display-text';
import { useApp, useDoc } from '../app/context';
import { sameVersion } from '../readiness/batch-freshness';
import { formatDateTime } from '../app/format-date';
import { Button, Section, cls } from '../panels/controls';
import { clockText, describeEvent, type EventLine } from './describe';
import { eventNames } from './event-names';
import { useSim } from './hooks';
import { replayAtEnd, shownEventCount, SPEEDS } from './replay';
import { SimIcon } from './SimIcons';
import { ShownValues } from './ShownValues';
import type { ShownRun, Waiting } from './store';
import { plural } from '../../../shared/text';

function savedTitle(run: ShownRun): string {
  return run.startedAt ? `Saved run of ${formatDateTime(run.startedAt)}` : 'Saved run';
}

export function PlayerSection() {
  const app = useApp();
  const run = useSim((s) => s.shown);
  const busy = useSim((s) => s.busy);
  const error = useSim((s) => s.error);
  const frames = useSim((s) => s.frames);
  const cursor = useSim((s) => s.cursor);
  const atEntry = useSim((s) => s.atEntry);
  const notice = useSim((s) => s.notice);
  const aiTimeout = useSim((s) => s.aiTimeoutSeconds);
  const playing = useSim((s) => s.playing);
  const speed = useSim((s) => s.speed);
  const pausedAt = useSim((s) => s.pausedAt);

  if (!run) {
    if (error) {
      return (
        <p className="fg-panel-error sim-error" role="alert" data-testid="sim-error">
          {error}
        </p>
      );
    }
    return notice === 'stopped' ? (
      <p className="sim-note" role="status" data-testid="sim-stopped">
        Run stopped. Nothing of it was kept; run again whenever you like.
      </p>
    ) : null;
  }
  const atEnd = replayAtEnd(frames, cursor, atEntry);
  const shownCount = shownEventCount(frames, cursor, atEntry);
  const lastAt = shownCount ? run.trace.events[shownCount - 1].atMs : 0;
  const label = (id: string) => displayText(run.document.nodes.find((n) => n.id === id)?.label ?? id, 60, id);
  const moving = playing && !(atEnd && run.status === 'running');

  return (
    <Section
      title={run.kind === 'saved' ? savedTitle(run) : `Run: ${displayText(run.trace.scenario.name || run.trace.scenario.id, 60)}`}
      testId="sim-player"
      aside={
        <Button kind="link" testId="sim-close" title="Hide this run from the canvas" onClick={() => void (run.kind === 'live' && run.status !== 'done' ? app.sim.cancel() : app.sim.clear())}>
          Close
        </Button>
      }
    >
      <div className="sim-controls" role="group" aria-label="Replay">
        <button type="button" className="sim-ctl" data-testid="sim-restart" title="Back to the start" aria-label="Back to the start" onClick={app.sim.restart} disabled={cursor === 0}>
          <SimIcon name="restart" />
        </button>
        {moving ? (
          <button type="button" className="sim-ctl is-primary" data-testid="sim-pause" title="Pause" aria-label="Pause" onClick={app.sim.pause}>
            <SimIcon name="pause" />
          </button>
        ) : (
          <button type="button" className="sim-ctl is-primary" data-testid="sim-play" title="Play" aria-label="Play" onClick={app.sim.play} disabled={!frames.length}>
            <SimIcon name="play" />
          </button>
        )}
        <button type="button" className="sim-ctl" data-testid="sim-step" title="One step" aria-label="One step" onClick={app.sim.step} disabled={atEnd}>
          <SimIcon name="step" />
        </button>
        <button type="button" className="sim-ctl" data-testid="sim-end" title="To the end of what has run" aria-label="To the end" onClick={app.sim.toEnd} disabled={atEnd}>
          <SimIcon name="end" />
        </button>
        <select className="fg-panel-input fg-panel-select sim-speed" data-testid="sim-speed" aria-label="Speed" value={speed} onChange={(e) => app.sim.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <span className="sim-progress" data-testid="sim-progress">
          Step {Math.min(cursor, frames.length)} of {frames.length}
          {run.status === 'running' ? '…' : ''} · {clockText(lastAt)}
        </span>
      </div>
      <WorkflowChanged run={run} />
      {pausedAt ? (
        <p className="sim-note" data-testid="sim-paused">
          Paused at the breakpoint on “{label(pausedAt)}”, before it runs. Step to see what it does, or play to go on.
        </p>
      ) : null}
      {error ? (
        <p className="fg-panel-error sim-error" role="alert" data-testid="sim-error">
          {error}
        </p>
      ) : null}
      {atEnd && run.status === 'waiting' && run.waiting ? <ApprovalPrompt key={`${run.runId}:${run.trace.events.length}`} waiting={run.waiting} busy={busy === 'deciding'} /> : null}
      {atEnd && run.status === 'running' ? <AiWait stepLabel={frames.length ? label(frames[frames.length - 1].nodeId ?? '') : null} timeoutSeconds={aiTimeout} /> : null}
      {atEnd && run.status === 'done' ? <Outcome run={run} label={label} /> : null}
      <Timeline run={run} shownCount={shownCount} currentStart={cursor > 0 ? frames[Math.min(cursor, frames.length) - 1].start : -1} />
    </Section>
  );
}

/**
 * The workflow was edited since the shown run ran on it (steps moved aside): the replay still shows
 * the run as it ran, on the document it ran on; say so, and offer to run it again on the workflow as
 * it is now. A live run waiting at an approval goes on with the document it started with.
 */
function WorkflowChanged({ run }: { run: ShownRun }) {
  const app = useApp();
  const now = useDoc((s) => s.settled);
  const busy = useSim((s) => s.busy === 'starting');
  const changed = useMemo(() => !!now && !sameVersion(run.document, now), [run.document, now]);
  if (!changed) return null;
  const since = run.kind === 'live' ? 'since this run started' : 'since this run';
  return (
    <div className="sim-note is-warn" role="status" data-testid="sim-workflow-changed">
      <span>
        <strong>The workflow changed {since}.</strong> The replay shows the run as it ran{run.kind === 'live' && run.status !== 'done' ? ', and the run goes on as it started' : ''}.
      </span>{' '}
      <Button kind="link" testId="sim-rerun" disabled={busy} onClick={() => void app.sim.runChosen()} title="Run again with the same start, seed and approvals, on the workflow as it is now">
        Run it again on the workflow as it is now
      </Button>
    </div>
  );
}

/** A run waiting for a real AI model's answer (the mock never makes it wait). */
function AiWait({ stepLabel, timeoutSeconds }: { stepLabel: string | null; timeoutSeconds: number | null }) {
  return (
    <p className="sim-note" role="status" data-testid="sim-waiting-ai">
      Waiting for the AI server{stepLabel ? ` to answer “${stepLabel}”` : ''}…
      {timeoutSeconds === null ? null : (
        <span className="fg-panel-hint">
          {' '}
          Each request gives up after {timeoutSeconds} s (Settings → AI); a step that gets no answer leaves by “error”. Stop run to end it now.
        </span>
      )}
    </p>
  );
}

/** Scrolls the panel so that an element that just appeared (the approval, the outcome) is in view. */
function useShowOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    // A block body: Chromium's scrollIntoView returns a promise, which must not become the effect's cleanup.
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return ref;
}

function ApprovalPrompt({ waiting, busy }: { waiting: Waiting; busy: boolean }) {
  const app = useApp();
  const ref = useShowOnMount<HTMLDivElement>();
  const original = waiting.draft?.text ?? '';
  const [draft, setDraft] = useState(original);
  const [note, setNote] = useState('');
  const decide = (decision: 'approved' | 'rejected' | 'timeout') => {
    const opts: { note?: string; editedDraft?: string } = {};
    if (note.trim()) opts.note = note.trim();
    if (waiting.draft && draft !== original) opts.editedDraft = draft;
    void app.sim.decide(decision, opts);
  };
  return (
    <div className="sim-approval" data-testid="sim-approval" role="group" aria-label="Your decision" ref={ref}>
      <div className="sim-approval-head">
        <strong>“{displayText(waiting.label, 80, waiting.nodeId)}” waits for {waiting.reviewer ? displayText(waiting.reviewer, 60) : 'a reviewer'}</strong>
        <span className="fg-panel-hint">You decide in their place; nothing is sent until the run goes on, and then only to the mock systems.</span>
      </div>
      {waiting.instructions ? <p className="sim-instructions">{displayText(waiting.instructions, 600)}</p> : null}
      <ShownValues waiting={waiting} />
      {waiting.draft ? (
        <label className="fg-panel-field">
          <span className="fg-panel-label">
            Draft <span className="fg-panel-hint">(edit it before approving; it is the variable “{waiting.draft.variable}”)</span>
          </span>
          <textarea className="fg-panel-input fg-panel-textarea sim-draft" rows={6} value={draft} data-testid="sim-edit-draft" onChange={(e) => setDraft(e.target.value)} />
          {draft !== original ? (
            <span className="fg-panel-hint">
              Edited.{' '}
              <button type="button" className="fg-panel-button fg-panel-button-link" data-testid="sim-draft-reset" onClick={() => setDraft(original)}>
                Undo the edits
              </button>
            </span>
          ) : null}
        </label>
      ) : null}
      <label className="fg-panel-field">
        <span className="fg-panel-label">Note</span>
        <input
          className="fg-panel-input"
          value={note}
          data-testid="sim-reject-note"
          placeholder="Why — say it when you reject"
          onChange={(e) => setNote(e.target.value)}
        />
        <span className="fg-panel-hint">The note reaches the run as the variable “reviewNote”.</span>
      </label>
      <div className="sim-row sim-decisions">
        <Button kind="primary" testId="sim-approve" disabled={busy} onClick={() => decide('approved')}>
          {waiting.draft && draft !== original ? 'Approve the edited draft' : 'Approve'}
        </Button>
        <Button kind="danger" testId="sim-reject" disabled={busy} onClick={() => decide('rejected')}>
          Reject
        </Button>
        <Button
          testId="sim-timeout"
          disabled={busy}
          title={waiting.timeoutHours === null ? 'This gate has no timeout: nobody answering stops the run.' : `Nobody answers within ${waiting.timeoutHours} h`}
          onClick={() => decide('timeout')}
        >
          Let it time out
        </Button>
      </div>
    </div>
  );
}

function Outcome({ run, label }: { run: ShownRun; label: (id: string) => string }) {
  const ref = useShowOnMount<HTMLDivElement>();
  const t = run.trace;
  const denied = t.calls.filter((c) => c.result === 'denied').length;
  const changed = t.calls.filter((c) => c.approvedContentChanged).length;
  return (
    <div className={cls('sim-outcome', t.outcome ? 'tone-ok' : 'tone-danger')} data-testid="sim-outcome" role="status" ref={ref}>
      {t.outcome ? (
        <div>
          Ended <strong data-testid="sim-outcome-value">{displayText(t.outcome, 60)}</strong>
          {t.endNodeId ? ` at “${label(t.endNodeId)}”` : ''}
        </div>
      ) : (
        <div>
          <strong>The run stopped.</strong> {displayText(t.stopped ?? '', 300)}
        </div>
      )}
      <div className="fg-panel-hint">
        {plural(t.steps, 'step')} · {clockText(t.elapsedMs)} on the virtual clock · {plural(t.calls.length, 'call')}
        {denied ? `, ${denied} denied` : ''} · {plural(t.changes.length, 'change')} · {plural(t.outbox.length, 'message')}
      </div>
      {changed ? (
        <div className="fg-panel-warning" data-testid="sim-outcome-changed">
          {plural(changed, 'call')} sent content that changed after it was approved: the reviewer saw something else.
        </div>
      ) : null}
      {run.historyError ? <div className="fg-panel-warning">{run.historyError}</div> : null}
    </div>
  );
}

const Row = memo(function Row({ index, line, atMs, nodeId, head, current, gone }: { index: number; line: EventLine; atMs: number; nodeId: string | null; head: boolean; current: boolean; gone: boolean }) {
  const app = useApp();
  return (
    <li className={cls('sim-event', `tone-${line.tone}`, head && 'is-head', current && 'is-current', line.denied && 'is-denied', gone && 'is-gone')}>
      <button
        type="button"
        data-testid={`sim-event-${index}`}
        data-denied={line.denied || undefined}
        data-gone={gone || undefined}
        disabled={nodeId === null}
        title={nodeId ? (gone ? 'This step is no longer in the workflow: it was deleted after this run' : 'Select this step on the canvas') : undefined}
        onClick={() => nodeId && app.sim.focusNode(nodeId)}
      >
        <span className="sim-event-time">{clockText(atMs)}</span>
        <span className="sim-event-text">
          <span className="sim-event-title">{line.title}</span>
          {line.detail ? <span className="sim-event-detail">{line.detail}</span> : null}
          {line.quotes?.map((q) => (
            <span key={q.variable} className="sim-event-quote" data-testid={`sim-event-${index}-${q.variable}`}>
              <span className="sim-event-quote-label">{q.label}:</span> {q.text}
            </span>
          ))}
        </span>
      </button>
    </li>
  );
});

function Timeline({ run, shownCount, currentStart }: { run: ShownRun; shownCount: number; currentStart: number }) {
  // Steps of the run that the workflow no longer has: their entries say so when clicked.
  const nodes = useDoc((s) => s.settled?.nodes);
  const present = useMemo(() => new Set(nodes?.map((n) => n.id)), [nodes]);
  const lines = useMemo(() => {
    const names = eventNames(run.document);
    return run.trace.events.map((e, i) => describeEvent(e, run.trace, i, names));
  }, [run.trace, run.document]);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // Follow the replay: the newest events stay in view inside the list (the panel itself does not jump).
    const el = list.current;
    if (el && shownCount > 0) el.scrollTop = el.scrollHeight;
  }, [shownCount]);
  const events = run.trace.events;
  return (
    <div className="sim-timeline-box">
      <h4 className="sim-subtitle">Timeline</h4>
      {shownCount === 0 ? (
        <p className="fg-panel-empty">Press play or step to follow the token.</p>
      ) : (
        <ol className="sim-timeline" data-testid="sim-timeline" ref={list}>
          {events.slice(0, shownCount).map((e, i) => (
            <Row
              key={i}
              index={i}
              line={lines[i]}
              atMs={e.atMs}
              nodeId={'nodeId' in e ? e.nodeId : null}
              head={e.type === 'step.entered'}
              current={i >= currentStart && currentStart >= 0}
              gone={'nodeId' in e && e.nodeId !== null && !present.has(e.nodeId)}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
