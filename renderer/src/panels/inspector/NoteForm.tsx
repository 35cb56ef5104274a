// The inspector of a sticky note: its words and its colour, and deleting it. Typing is one undo step
// per burst, like a step's name.
import { removeNotes, updateNote } from '../../../../shared/model/edits/notes';
import { noteColour } from '../../../../shared/model/notes';
import { NOTE_COLOURS, type NoteColour, type Workflow, type WorkflowNote } from '../../../../shared/model/schema';
import { Button, Field, Select, TextArea } from '../controls';

const COLOUR_NAMES: Record<NoteColour, string> = { yellow: 'Yellow', blue: 'Blue', green: 'Green', pink: 'Pink', grey: 'Grey' };

export function NoteForm({ wf, note, onChange }: { wf: Workflow; note: WorkflowNote; onChange(next: Workflow, coalesceKey?: string): void }) {
  return (
    <div className="fg-panel-form" data-testid="inspector-note">
      <header className="fg-panel-head">
        <span className="fg-panel-kind">Sticky note</span>
      </header>
      <p className="fg-panel-hint">A note for the people who read the workflow. The analysis, runs and exports leave it out; the report shows it.</p>
      <Field label="Text">
        <TextArea value={note.text} rows={6} placeholder="What should a reader know here?" onChange={(v) => onChange(updateNote(wf, note.id, { text: v }), `note:${note.id}:text`)} testId="field-note-text" />
      </Field>
      <Field label="Colour">
        <Select
          value={noteColour(note)}
          options={NOTE_COLOURS.map((c) => ({ value: c, label: COLOUR_NAMES[c] }))}
          onChange={(v) => onChange(updateNote(wf, note.id, { colour: v }))}
          testId="field-note-colour"
        />
      </Field>
      <Button kind="danger" testId="delete-note" onClick={() => onChange(removeNotes(wf, [note.id]))}>
        Delete note
      </Button>
    </div>
  );
}
