// Reading sticky notes (edits/notes.ts changes them): the notes of a document, their size and colour,
// with what a file may leave out filled in.
import { NOTE_COLOURS, type NoteColour, type Workflow, type WorkflowNote } from './schema';

/** The size of a new note, and of a note whose file gives none. */
export const NOTE_SIZE = { width: 220, height: 140 } as const;

export function notesOf(wf: Pick<Workflow, 'notes'>): readonly WorkflowNote[] {
  return Array.isArray(wf.notes) ? wf.notes : [];
}

/** The size a note is drawn at. */
export function noteSize(note: WorkflowNote): { width: number; height: number } {
  return note.size ? { width: note.size.width, height: note.size.height } : { ...NOTE_SIZE };
}

/** A note's colour; one this version does not know is drawn yellow. */
export function noteColour(note: WorkflowNote): NoteColour {
  return (NOTE_COLOURS as readonly string[]).includes(note.colour ?? '') ? (note.colour as NoteColour) : 'yellow';
}
