// Sticky notes: words on the canvas beside the flow. They are part of the document (saved, undone,
// reported) but not of the workflow: nothing that analyses, simulates or exports a workflow reads them.
import { nextId } from '../ids';
import { notesOf } from '../notes';
import type { NoteColour, Workflow, WorkflowNote } from '../schema';
import { patchChangesNothing } from './same';

export function addNote(wf: Workflow, position: { x: number; y: number }, text = '', colour: NoteColour = 'yellow'): { workflow: Workflow; id: string } {
  const notes = notesOf(wf);
  const id = nextId('note', notes.map((n) => n.id));
  const note: WorkflowNote = { id, text, position: { x: Math.round(position.x), y: Math.round(position.y) }, colour };
  return { workflow: { ...wf, notes: [...notes, note] }, id };
}

/** Changes a note's text, colour or size; the same document when nothing changes. */
export function updateNote(wf: Workflow, id: string, patch: Partial<Pick<WorkflowNote, 'text' | 'colour' | 'size'>>): Workflow {
  const notes = notesOf(wf);
  const current = notes.find((n) => n.id === id);
  if (!current || patchChangesNothing(current, patch)) return wf;
  return { ...wf, notes: notes.map((n) => (n.id === id ? { ...n, ...patch } : n)) };
}

/** Moves notes by id (ids that are not notes are ignored); the same document when none moves. */
export function moveNotes(wf: Workflow, positions: Readonly<Record<string, { x: number; y: number }>>): Workflow {
  let changed = false;
  const notes = notesOf(wf).map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { ...n.position, x: Math.round(p.x), y: Math.round(p.y) } };
  });
  return changed ? { ...wf, notes } : wf;
}

export function removeNotes(wf: Workflow, ids: Iterable<string>): Workflow {
  const gone = new Set(ids);
  const notes = notesOf(wf);
  const kept = notes.filter((n) => !gone.has(n.id));
  if (kept.length === notes.length) return wf;
  if (kept.length) return { ...wf, notes: kept };
  // The last note gone: the file goes back to having no notes section.
  const { notes: _, ...rest } = wf;
  return rest;
}
