// The export dialog for another engine (Camunda 8, n8n): the target and its options, then — before
// anything is written — what the export would be: the files, the warnings, the engine's own check and
// the analysis' errors, which refuse the export unless the user ticks "Export anyway". The backend
// builds it with the same code as `flowgate export` and writes the same files.
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../../shared/api/contract';
import { EXPORT_TARGETS } from '../../../shared/interchange/targets';
import { displayText } from '../../../shared/model/display-text';
import { useApp, useDoc } from '../app/context';
import { baseName, joinPath } from '../app/files';
import { Icon } from '../chrome/icons';
import { Dialog } from '../dialogs/Dialog';
import { blockers, defaultOptions, exportBaseName, sizeText, targetById, type Preview } from './export-model';
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './export.css';

/** The answer to one preview request: which request (to tell a stale one), and what came back. */
type Answer = { key: string; target: string; workflow: unknown } & ({ preview: Preview; failed?: undefined } | { failed: string; preview?: undefined });

const PREVIEW_DELAY_MS = 200;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** "Show step": closes the dialog and shows the step on the canvas. */
function StepLink({ nodeId, known, onShow }: { nodeId?: string; known: (id: string) => boolean; onShow(id: string): void }) {
  if (!nodeId || !known(nodeId)) return null;
  return (
    <button type="button" className="link-btn" onClick={() => onShow(nodeId)} title="Close and show this step on the canvas">
      Show step
    </button>
  );
}

export function EngineExportDialog({ target: initial, resolve }: { target: string; resolve(nodeId: string | null): void }) {
  const app = useApp();
  const workflow = useDoc((s) => s.workflow);
  const desktop = !!app.info?.nativeDialogs;
  const [target, setTarget] = useState(() => targetById(initial));
  const [options, setOptions] = useState(() => defaultOptions(targetById(initial)));
  const [name, setName] = useState(() => exportBaseName(workflow?.name || 'workflow', targetById(initial)));
  const [force, setForce] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [writing, setWriting] = useState(false);
  const [writeError, setWriteError] = useState<string | null>(null);
  const ids = useId();
  const base = exportBaseName(name, target) || 'workflow';
  const key = `${target.id}\u0000${JSON.stringify(options)}\u0000${base}`;

  useEffect(() => {
    if (!workflow) return;
    let live = true;
    const timer = setTimeout(() => {
      app.api['export.preview']({ document: workflow, target: target.id, options, baseName: base })
        .then((preview) => live && setAnswer({ key, target: target.id, workflow, preview }))
        .catch((e: unknown) => live && setAnswer({ key, target: target.id, workflow, failed: errorText(e) }));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [app, workflow, target, options, base, key]);

  // The last answer for this target stays on screen while a newer one is on its way; only a current one enables Export.
  const current = answer && answer.key === key && answer.workflow === workflow ? answer : null;
  const loading = !current;
  const shown = answer?.target === target.id ? (answer.preview ?? null) : null;
  const reasons = current?.failed ? ['The export could not be prepared.'] : blockers(current?.preview ?? null, force, desktop ? null : name);
  const known = (id: string) => !!workflow?.nodes.some((n) => n.id === id);

  const chooseTarget = (id: string) => {
    const next = targetById(id);
    setTarget(next);
    setOptions(defaultOptions(next));
    setWriteError(null);
  };

  async function write() {
    if (!workflow || loading || reasons.length || writing) return;
    setWriting(true);
    setWriteError(null);
    try {
      let path: string | null;
      if (desktop) {
        path = (await app.api['dialog.saveFile']({ suggestedName: `${base}${target.extension}`, kind: target.extension === '.bpmn' ? 'bpmn' : 'json' })).path;
        if (!path) return;
      } else {
        path = joinPath(app.info?.workspaceDir ?? '.', `${base}${target.extension}`);
      }
      const written = await app.api['export.write']({ document: workflow, target: target.id, options, path, force });
      const others = written.files.length - 1;
      app.ui.toast('ok', `Exported to ${target.label}: ${baseName(written.files[0].path)}${others ? ` and ${others} more file${others === 1 ? '' : 's'} beside it` : ''}.`);
      resolve(null);
    } catch (e) {
      setWriteError(e instanceof ApiError ? e.message : `Could not export: ${errorText(e)}`);
    } finally {
      setWriting(false);
    }
  }

  return (
    <Dialog
      title={`Export to ${target.label}`}
      testId="dialog-engine-export"
      wide
      onDismiss={() => resolve(null)}
      footer={
        <>
          {reasons.length > 0 && !loading && (
            <span className="muted small export-blocked" data-testid="export-blocked">
              {reasons[0]}
            </span>
          )}
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => resolve(null)}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={loading || reasons.length > 0 || writing} onClick={() => void write()} data-testid="export-confirm">
            {writing ? 'Exporting…' : desktop ? 'Export…' : 'Export'}
          </button>
        </>
      }
    >
      <div className="engine-export">
        {EXPORT_TARGETS.length > 1 && (
          <div className="export-targets" role="radiogroup" aria-label="Export to">
            {EXPORT_TARGETS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="radio"
                aria-checked={t.id === target.id}
                className={`export-target${t.id === target.id ? ' is-active' : ''}`}
                onClick={() => chooseTarget(t.id)}
                data-testid={`export-target-${t.id}`}
              >
                {t.label}
              </button>
            ))}
          </div>
        )}
        {target.description && <p className="muted">{target.description}</p>}

        <div className="export-fields">
          {(target.options ?? []).map((o) => (
            <label key={o.id} className="field">
              <span className="field-label">{o.label}</span>
              <select className="input" value={options[o.id] ?? o.default} onChange={(e) => setOptions({ ...options, [o.id]: e.target.value })} data-testid={`export-option-${o.id}`}>
                {o.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              {o.help && <span className="muted small">{o.help}</span>}
            </label>
          ))}
          {!desktop && (
            <label className="field">
              <span className="field-label">File name</span>
              <span className="export-name">
                <input className="input" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoComplete="off" data-testid="export-file-name" />
                <code>{target.extension}</code>
              </span>
              <span className="muted small">
                Written in your workflows folder{app.info?.workspaceDir ? <> <code>{app.info.workspaceDir}</code></> : null}, with the other files beside it.
              </span>
            </label>
          )}
        </div>
        {desktop && <p className="muted small">You choose where to save in the next step; the other files go beside it.</p>}

        {answer?.failed && answer.target === target.id && (
          <p className="notice tone-danger" role="alert" data-testid="export-failed">
            The export could not be prepared: {answer.failed}
          </p>
        )}
        {shown?.problem && (
          <div className="notice tone-danger" role="alert" data-testid="export-problem">
            <strong>Cannot export to {target.label}.</strong> {shown.problem.message} <StepLink nodeId={shown.problem.nodeId} known={known} onShow={resolve} />
          </div>
        )}

        {shown && shown.analysisErrors.length > 0 && (
          <section className="export-section" data-testid="export-analysis-errors">
            <div className="notice tone-danger">
              <p>
                <strong>
                  The analysis finds {shown.analysisErrors.length === 1 ? 'an error' : `${shown.analysisErrors.length} errors`} in this workflow.
                </strong>{' '}
                An export is meant to run for real: fix {shown.analysisErrors.length === 1 ? 'it' : 'them'} first, or export anyway.
              </p>
              <ul className="plain-list">
                {shown.analysisErrors.map((e, i) => (
                  <li key={i}>
                    <code>{e.ruleId}</code> {displayText(e.message, 300)} <StepLink nodeId={e.nodeId} known={known} onShow={resolve} />
                  </li>
                ))}
              </ul>
              <label className="export-force">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} data-testid="export-force" /> Export anyway
              </label>
            </div>
          </section>
        )}

        {shown?.check && (
          <section className="export-section" data-testid="export-check">
            <h3 className="section-title">Checked by the engine’s own tools</h3>
            {shown.check.errors.length === 0 ? (
              <p className="export-check-ok">
                <Icon name="check" size={15} /> {shown.check.tool}: no errors{shown.check.warnings.length ? `, ${shown.check.warnings.length} warning${shown.check.warnings.length === 1 ? '' : 's'}` : ', no warnings'}.
              </p>
            ) : (
              <div className="notice tone-danger">
                <p>
                  {shown.check.tool} refuses this export, so it is not written. This is a fault in Flowgate’s exporter: please report it with the workflow.
                </p>
                <ul className="plain-list">
                  {shown.check.errors.map((m, i) => (
                    <li key={i}>
                      <code>{m.rule}</code> {m.elementId ? <code>{m.elementId}</code> : null} {m.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {shown.check.warnings.length > 0 && (
              <ul className="plain-list small">
                {shown.check.warnings.map((m, i) => (
                  <li key={i}>
                    <code>{m.rule}</code> {m.message}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        {shown && shown.warnings.length > 0 && (
          <section className="export-section" data-testid="export-warnings">
            <h3 className="section-title">
              {shown.warnings.length} warning{shown.warnings.length === 1 ? '' : 's'}: written anyway, but read them
            </h3>
            <ul className="export-warning-list">
              {shown.warnings.map((w, i) => (
                <li key={i}>
                  <Icon name="alert" size={14} />
                  <span>
                    {w.message}
                    <StepLink nodeId={w.nodeId} known={known} onShow={resolve} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {shown && shown.files.length > 0 && (
          <section className="export-section" data-testid="export-files">
            <h3 className="section-title" id={`${ids}-files`}>
              Files that will be written ({shown.files.length})
            </h3>
            <table className="export-files" aria-labelledby={`${ids}-files`}>
              <tbody>
                {shown.files.map((f) => (
                  <tr key={f.name}>
                    <td>
                      <code>{f.name}</code>
                    </td>
                    <td className="muted small">{f.purpose}</td>
                    <td className="muted small export-size">{sizeText(f.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {loading && !shown && !answer?.failed && (
          <p className="muted" data-testid="export-loading">
            Preparing the export…
          </p>
        )}
        {writeError && (
          <p className="notice tone-danger" role="alert" data-testid="export-write-error">
            {writeError}
          </p>
        )}
      </div>
    </Dialog>
  );
}
