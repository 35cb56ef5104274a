// "Draft from a description…": the user describes the process in words; the model of Settings → AI
// drafts it, Flowgate checks and repairs the draft for up to three rounds (shown as they go), and the
// draft opens as a new, unsaved workflow. Without a model set up, the dialog says so and offers Settings.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './drafting.css';
import { useId } from 'react';
import { useStore } from 'zustand';
import { MAX_DESCRIPTION_CHARS } from '../../../shared/drafting/prompt';
import { useApp } from '../app/context';
import { Icon } from '../chrome/icons';
import { Dialog } from '../dialogs/Dialog';
import type { DraftingState } from './store';

const EXAMPLE =
  'When a refund request arrives by email, check the order, and if it is over 50 euros ask me before paying it back. Then tell the customer.';

function ModelLine({ model }: { model: DraftingState['model'] }) {
  if (model === undefined) return <p className="muted small draft-model">Reading the AI settings…</p>;
  if (model === null) return null;
  return (
    <p className="draft-model small" data-testid="draft-model">
      <Icon name="sparkles" size={14} />
      <span>
        Drafted by <strong>{model.name}</strong> at {model.host}
        {model.local ? ' (on this computer).' : '.'} Your description is sent there and nowhere else.
      </span>
    </p>
  );
}

function progressText(s: DraftingState): string {
  const p = s.progress;
  const model = s.model?.name ?? 'the model';
  if (s.phase === 'cancelling') return 'Cancelling…';
  if (!p) return `Asking ${model}…`;
  if (p.phase === 'checking') return `Round ${p.round} of at most ${p.maxRounds}: checking the draft…`;
  if (p.round === 1) return `Round 1 of at most ${p.maxRounds}: ${model} is drafting…`;
  return `Round ${p.round} of at most ${p.maxRounds}: ${model} is fixing ${p.fixing} ${p.fixing === 1 ? 'problem' : 'problems'}…`;
}

export function DraftDialog({ resolve }: { resolve(v: null): void }) {
  const app = useApp();
  const drafting = app.drafting;
  const s = useStore(drafting.store);
  const textId = useId();
  const busy = s.phase === 'starting' || s.phase === 'running' || s.phase === 'cancelling';
  const noModel = s.model === null;
  const canDraft = !busy && s.model !== undefined && !noModel && s.description.trim().length > 0 && s.phase !== 'ready';

  const footer = (
    <>
      {busy ? (
        <button type="button" className="btn" onClick={() => void drafting.cancel()} disabled={s.phase === 'cancelling'} data-testid="draft-cancel">
          Cancel
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => resolve(null)} data-testid="draft-close">
          Close
        </button>
      )}
      {s.phase === 'ready' ? (
        <button type="button" className="btn btn-primary" onClick={() => void drafting.openResult()} data-testid="draft-open">
          Open the draft
        </button>
      ) : (
        <button type="button" className="btn btn-primary" onClick={() => void drafting.start()} disabled={!canDraft} data-testid="draft-start">
          <Icon name="sparkles" size={15} />
          Draft
        </button>
      )}
    </>
  );

  return (
    <Dialog title="Draft from a description" testId="dialog-draft" wide onDismiss={() => resolve(null)} footer={footer} initialFocus="textarea">
      <div className="draft-dialog">
        <label className="field" htmlFor={textId}>
          <span className="field-label">Describe the process in your own words</span>
          <textarea
            id={textId}
            className="input draft-text"
            value={s.description}
            onChange={(e) => drafting.setDescription(e.target.value)}
            placeholder={EXAMPLE}
            maxLength={MAX_DESCRIPTION_CHARS}
            rows={7}
            readOnly={busy}
            data-testid="draft-description"
          />
          <span className="muted small">
            Say what starts it, what should happen, who decides, and what must never happen without someone’s OK. Flowgate checks the draft, asks the model to fix what
            is wrong, and adds approvals before anything sensitive.
          </span>
        </label>

        <ModelLine model={s.model} />
        {noModel && (
          <div className="notice tone-warn draft-setup" role="alert" data-testid="draft-no-model">
            <span>
              Drafting needs a model. In <strong>Settings → AI</strong>, choose <em>OpenAI-compatible</em> — OpenAI, or Ollama or LM Studio on this computer — and a
              model.
            </span>
            <button type="button" className="btn small" onClick={() => void drafting.openSettings()} data-testid="draft-open-settings">
              Open Settings
            </button>
          </div>
        )}

        {busy && (
          <div className="draft-progress" role="status" aria-live="polite" data-testid="draft-progress">
            <progress className="draft-bar" max={s.progress?.maxRounds ?? 4} value={s.progress ? s.progress.round - (s.progress.phase === 'asking' ? 0.5 : 0.1) : 0.2} />
            <span>{progressText(s)}</span>
          </div>
        )}
        {s.phase === 'ready' && (
          <p className="notice tone-ok" role="status" data-testid="draft-ready">
            The draft is ready. Open it to see it on the canvas; it is not saved until you save it.
          </p>
        )}
        {s.phase === 'cancelled' && (
          <p className="muted small" role="status" data-testid="draft-cancelled">
            Drafting was cancelled.
          </p>
        )}
        {s.error && !noModel && (
          <div className="notice tone-danger" role="alert" data-testid="draft-error">
            <p className="draft-error-text">{s.error}</p>
            {s.problems.length > 0 && (
              <details>
                <summary>What was wrong with the last reply ({s.problems.length})</summary>
                <ul className="draft-problems">
                  {s.problems.map((p, i) => (
                    <li key={i}>
                      <code>{p.path}</code> {p.message}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
