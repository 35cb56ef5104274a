// Above the canvas of a workflow just drafted from a description: what the model and Flowgate assumed,
// what could not be applied from the model's reply, and how many findings remain (the Problems panel
// lists them). Stays until it is closed or another document is shown.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './drafting.css';
import { useState } from 'react';
import { useStore } from 'zustand';
import { displayText } from '../../../shared/model/display-text';
import { useApp, useAnalysis, useSession } from '../app/context';
import { Icon } from '../chrome/icons';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function DraftNotes() {
  const app = useApp();
  const notes = useStore(app.drafting.store, (s) => s.notes);
  const generation = useSession((s) => s.generation);
  const counts = useAnalysis((s) => s.result.counts);
  const [open, setOpen] = useState(true);
  if (!notes || notes.generation !== generation) return null;
  const { result, model } = notes;
  const unapplied = result.remaining.filter((p) => p.ruleId === null);
  const findings = counts.error + counts.warn + counts.info;
  const assumed = [...result.assumptions, ...result.notes];

  return (
    <section className="draft-notes" aria-label="About this draft" data-testid="draft-notes">
      <header className="draft-notes-head">
        <Icon name="sparkles" size={16} />
        <span className="draft-notes-title">
          Drafted from your description by <strong>{displayText(model, 60)}</strong> in {plural(result.rounds, 'round')}. Not saved yet.
        </span>
        {findings > 0 && (
          <button type="button" className="btn small" onClick={() => app.ui.setProblems({ open: true })} data-testid="draft-notes-problems">
            {counts.error ? plural(counts.error, 'error') : plural(findings, 'finding')} to look at
          </button>
        )}
        <button type="button" className="btn small" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="draft-notes-toggle">
          {open ? 'Hide details' : 'Show details'}
        </button>
        <button type="button" className="icon-btn small" onClick={() => app.drafting.closeNotes()} aria-label="Close the notes about this draft" data-testid="draft-notes-close">
          <Icon name="x" size={14} />
        </button>
      </header>
      {open && (
        <div className="draft-notes-body">
          {assumed.length > 0 && (
            <div>
              <h3 className="section-title">What was assumed</h3>
              <ul data-testid="draft-notes-assumed">
                {assumed.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ul>
            </div>
          )}
          <div>
            <h3 className="section-title">What remains</h3>
            <ul data-testid="draft-notes-remaining">
              {unapplied.map((p, i) => (
                <li key={i} className="is-unapplied">
                  Not applied from the model’s reply: {p.message} <code>{p.path}</code>
                </li>
              ))}
              <li>
                {findings === 0
                  ? 'The analysis finds nothing to fix.'
                  : `The analysis finds ${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')} and ${plural(counts.info, 'note')}: see Problems below the canvas.`}
              </li>
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
