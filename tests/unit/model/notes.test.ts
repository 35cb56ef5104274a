// Sticky notes: a documented, optional part of the file. Kept through load and save, edited as one undo
// step each, and left out of everything that reads the workflow itself: the analysis, the simulator and
// the exports to other engines.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { exportTarget } from '../../../shared/interchange/targets';
import { loadWorkflow, loadWorkflowValue, serializeWorkflow } from '../../../shared/model/load';
import { addNote, moveNotes, removeNotes, updateNote } from '../../../shared/model/edits/notes';
import { noteColour, noteSize, NOTE_SIZE } from '../../../shared/model/notes';
import type { Workflow } from '../../../shared/model/schema';
import { runBatch } from '../../../shared/simulation/batch';
import { loadSampleData } from '../../../cli/commands/simulate';
import { template } from '../renderer/analysis-fixtures';
import { sampleDocument } from './fixtures';

const withNotes = (wf: Workflow): Workflow => ({
  ...wf,
  notes: [
    { id: 'note1', text: 'Billing asked for this path.\nAsk Sam before changing it.', position: { x: 0, y: 400 }, colour: 'yellow' },
    { id: 'note2', text: 'Send reply → integration', position: { x: 900, y: 400 }, size: { width: 300, height: 90 }, colour: 'blue' },
  ],
});

describe('notes in the file', () => {
  it('load and save as they are, unknown fields and colours kept', () => {
    const doc = { ...sampleDocument(), notes: [{ id: 'note1', text: 'Hi', position: { x: 1, y: 2 }, colour: 'teal', pinnedBy: 'Ana' }] };
    const { workflow } = loadWorkflowValue(doc);
    expect(workflow.notes).toEqual([{ id: 'note1', text: 'Hi', position: { x: 1, y: 2 }, colour: 'teal', pinnedBy: 'Ana' }]);
    expect(loadWorkflow(serializeWorkflow(workflow)).workflow).toEqual(workflow);
    // A colour this version does not know is drawn yellow, and kept.
    expect(noteColour(workflow.notes![0])).toBe('yellow');
    expect(noteSize(workflow.notes![0])).toEqual(NOTE_SIZE);
  });

  it('are optional: a file without them loads as before, and gains none', () => {
    const { workflow } = loadWorkflowValue(sampleDocument());
    expect('notes' in workflow).toBe(false);
  });

  it('refuse a repeated id and a note without a place, naming the JSON path', () => {
    const twice = { ...sampleDocument(), notes: [{ id: 'a', position: { x: 0, y: 0 } }, { id: 'a', position: { x: 0, y: 0 } }] };
    expect(() => loadWorkflowValue(twice)).toThrow(/\$\.notes\[1\]\.id.*duplicate note id "a"/);
    expect(() => loadWorkflowValue({ ...sampleDocument(), notes: [{ id: 'a', text: 'x' }] })).toThrow(/\$\.notes\[0\]\.position/);
    expect(() => loadWorkflowValue({ ...sampleDocument(), notes: [{ id: 'a', position: { x: 0, y: 0 }, size: { width: -1, height: 5 } }] })).toThrow(/\$\.notes\[0\]\.size\.width/);
  });
});

describe('editing notes', () => {
  const wf = loadWorkflowValue(sampleDocument()).workflow;

  it('adds, rewrites, recolours, resizes, moves and removes, each a new document', () => {
    const { workflow: one, id } = addNote(wf, { x: 10.4, y: 20.6 }, 'First');
    expect(one.notes).toEqual([{ id: 'note1', text: 'First', position: { x: 10, y: 21 }, colour: 'yellow' }]);
    const two = addNote(one, { x: 0, y: 0 });
    expect(two.id).toBe('note2');
    const edited = updateNote(two.workflow, id, { text: 'Changed', colour: 'green', size: { width: 300, height: 200 } });
    expect(edited.notes![0]).toMatchObject({ text: 'Changed', colour: 'green', size: { width: 300, height: 200 } });
    const moved = moveNotes(edited, { [id]: { x: 50, y: 60 }, n1: { x: 999, y: 999 } });
    expect(moved.notes![0].position).toEqual({ x: 50, y: 60 });
    // A step's id in the positions is not a note's: the steps stay where they are.
    expect(moved.nodes).toBe(edited.nodes);
    expect(removeNotes(moved, [id]).notes!.map((n) => n.id)).toEqual(['note2']);
  });

  it('gives the document back when nothing changes, and drops the section with its last note', () => {
    const { workflow: one, id } = addNote(wf, { x: 0, y: 0 }, 'Same');
    expect(updateNote(one, id, { text: 'Same' })).toBe(one);
    expect(updateNote(one, 'nope', { text: 'x' })).toBe(one);
    expect(moveNotes(one, { [id]: { x: 0, y: 0 } })).toBe(one);
    expect(removeNotes(one, ['nope'])).toBe(one);
    const none = removeNotes(one, [id]);
    expect('notes' in none).toBe(false);
    expect(none).toEqual(wf);
  });
});

describe('notes are not part of the workflow', () => {
  const wf = template('support-ticket-triage');
  const annotated = withNotes(wf);

  it('the analysis finds the same with and without them', () => {
    expect(analyze(annotated)).toEqual(analyze(wf));
  });

  it('a batch runs the same with and without them', () => {
    const sample = loadSampleData();
    expect(runBatch(annotated, sample, { runs: 40, seed: 3 }).metrics).toEqual(runBatch(wf, sample, { runs: 40, seed: 3 }).metrics);
  });

  it.each(['bpmn', 'n8n'])('the %s export is the same with and without them', async (id) => {
    const target = exportTarget(id)!;
    const plain = await target.export(wf, { baseName: 'support' });
    const noted = await target.export(annotated, { baseName: 'support' });
    expect(noted.files.length).toBeGreaterThan(0);
    expect(noted).toEqual(plain);
  });
});
