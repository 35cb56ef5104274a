// A sticky note on the canvas: its words on a coloured card behind the steps. Drag it to move it,
// drag a corner of a selected note to resize it, double-click to edit its words in place (Escape or
// leaving the field ends the editing; from the keyboard, a selected note is edited in the inspector).
// Every change goes to the document: a move or a resize is one undo step, a burst of typing another.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './notes.css';
import { memo, useState, type KeyboardEvent } from 'react';
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { moveNotes, updateNote } from '../../../../shared/model/edits/notes';
import { noteColour, noteSize } from '../../../../shared/model/notes';
import type { WorkflowNote } from '../../../../shared/model/schema';
import { useApp } from '../../app/context';
import { noteKey } from './keys';

export type NoteData = { note: WorkflowNote };
export type NoteFlowNode = Node<NoteData, 'note'>;

/** The smallest a note can be made: room for a line or two. */
export const NOTE_MIN = { width: 120, height: 60 } as const;

function NoteNodeView({ data, selected }: NodeProps<NoteFlowNode>) {
  const app = useApp();
  const { note } = data;
  const [editing, setEditing] = useState(false);
  const setText = (text: string) => app.doc.edit((wf) => updateNote(wf, note.id, { text }), `note:${note.id}:text`);
  const stopEditing = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    setEditing(false);
    // Back to the note itself, so the keyboard goes on from there.
    (e.currentTarget.closest('.react-flow__node') as HTMLElement | null)?.focus();
  };
  return (
    <div className={`note note-${noteColour(note)}${selected ? ' is-selected' : ''}`} data-testid={`note-${note.id}`} onDoubleClick={() => setEditing(true)}>
      <NodeResizer
        isVisible={selected && !editing}
        minWidth={NOTE_MIN.width}
        minHeight={NOTE_MIN.height}
        handleClassName="note-resize-handle"
        lineClassName="note-resize-line"
        onResizeStart={() => app.doc.beginDrag()}
        onResize={(_e, p) =>
          app.doc.dragTo((wf) => moveNotes(updateNote(wf, note.id, { size: { width: Math.round(p.width), height: Math.round(p.height) } }), { [note.id]: { x: p.x, y: p.y } }))
        }
        onResizeEnd={() => app.doc.endDrag()}
      />
      {editing ? (
        <textarea
          className="note-edit nodrag nowheel nopan"
          value={note.text}
          aria-label="Text of the note"
          placeholder="Write a note…"
          autoFocus
          onChange={(e) => setText(e.target.value)}
          onBlur={() => setEditing(false)}
          onKeyDown={stopEditing}
          data-testid="note-edit"
        />
      ) : (
        <div className={`note-text${note.text.trim() ? '' : ' is-empty'}`}>{note.text.trim() ? note.text : 'Double-click to write a note'}</div>
      )}
    </div>
  );
}

export const NoteNodeComponent = memo(NoteNodeView);
export const noteNodeTypes = { note: NoteNodeComponent };

/**
 * React Flow nodes for the notes, drawn under the steps (z-index below theirs). A note keeps its node
 * object while it and its selection are unchanged, so a drag elsewhere re-renders no note.
 */
export function createNoteDeriver() {
  let cache = new Map<string, { note: WorkflowNote; selected: boolean; node: NoteFlowNode }>();
  let last: NoteFlowNode[] = [];
  return (notes: readonly WorkflowNote[], selected: ReadonlySet<string>): NoteFlowNode[] => {
    const next = new Map<string, { note: WorkflowNote; selected: boolean; node: NoteFlowNode }>();
    let changed = notes.length !== last.length;
    const result = notes.map((note, i) => {
      const key = noteKey(note.id);
      const isSelected = selected.has(key);
      const hit = cache.get(key);
      const entry =
        hit && hit.note === note && hit.selected === isSelected
          ? hit
          : {
              note,
              selected: isSelected,
              node: {
                id: key,
                type: 'note' as const,
                position: note.position,
                ...noteSize(note),
                data: { note },
                selected: isSelected,
                zIndex: -1,
                ariaLabel: `Note: ${note.text.slice(0, 80) || 'empty'}`,
              },
            };
      next.set(key, entry);
      if (entry.node !== last[i]) changed = true;
      return entry.node;
    });
    cache = next;
    if (changed) last = result;
    return last;
  };
}
