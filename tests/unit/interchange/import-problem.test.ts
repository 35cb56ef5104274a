// What Open and Import say about a file that is not a Flowgate workflow: a sentence naming what the file
// is comes first, the loader's own words and the JSON path after it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importProblem, explainOpenError } from '../../../shared/interchange/import-problem';
import { readImportText } from '../../../shared/interchange/read-import';
import { loadWorkflow, WorkflowLoadError } from '../../../shared/model/load';
import { TRACE_FORMAT } from '../../../shared/simulation/trace';

const template = readFileSync(new URL('../../../resources/templates/support-ticket-triage.flowgate.json', import.meta.url), 'utf8');
const n8n = readFileSync(new URL('../../fixtures/n8n/agent-with-tools.json', import.meta.url), 'utf8');

/** What Import says about `text` (readImportText is what the app's Import calls). */
function problemOf(text: string) {
  try {
    readImportText(text);
  } catch (e) {
    return importProblem(text, e);
  }
  throw new Error('the text was imported');
}

describe('what Import says about a file it cannot open', () => {
  it('names a BPMN diagram, an event log, a web page and a table for what they are', () => {
    const bpmn = '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p"/></bpmn:definitions>';
    expect(problemOf(bpmn)).toEqual({ lead: expect.stringMatching(/^This is a BPMN diagram, not a Flowgate workflow\./), detail: null, path: '$' });
    expect(problemOf('<?xml version="1.0"?><log xes.version="1.0"><trace/></log>').lead).toMatch(/^This is an event log \(XES\), not a workflow\./);
    expect(problemOf('<!doctype html><html><body>report</body></html>').lead).toMatch(/^This is a web page \(HTML\)/);
    expect(problemOf('case,activity,timestamp\nT-1,New ticket,2024-01-01\n').lead).toMatch(/^This looks like a table \(CSV\)/);
  });

  it('says what other JSON is: a list, a trace, a file of another program, and keeps the loader’s words for plain text', () => {
    expect(problemOf('[1, 2, 3]').lead).toBe('This JSON file holds a list, not a Flowgate workflow.');
    expect(problemOf(JSON.stringify({ format: TRACE_FORMAT, events: [] })).lead).toBe('This is a Flowgate simulation run (a trace), not a workflow.');
    expect(problemOf(JSON.stringify({ format: 'acme.pipeline', steps: [] })).lead).toBe('This JSON file says it is “acme.pipeline”, not a Flowgate workflow.');
    expect(problemOf(JSON.stringify({ name: 'x', steps: [] })).lead).toMatch(/^This JSON file is not a Flowgate workflow: a workflow file says "format": "flowgate.workflow"/);
    const notes = problemOf('These are my meeting notes, not a workflow.');
    expect(notes.lead).toBe('This file is not JSON, so it is not a Flowgate workflow.');
    expect(notes.detail).toMatch(/^not valid JSON: unexpected .* at line 1, column 1$/);
    expect(notes.path).toBe('$');
  });

  it('leads a Flowgate workflow with a mistake with a sentence, and keeps the detail and the JSON path second', () => {
    const wf = JSON.parse(template);
    wf.nodes[1].config.confidenceThreshold = 'very sure';
    const p = problemOf(JSON.stringify(wf));
    expect(p.lead).toBe('This is a Flowgate workflow, but part of it is not valid, so it cannot be opened.');
    expect(p.path).toBe('$.nodes[1].config.confidenceThreshold');
    expect(p.detail).not.toContain('$.nodes');
    expect(p.detail!.length).toBeGreaterThan(0);
  });

  it('imports an n8n workflow instead of refusing it, and says so when its conversion fails', () => {
    expect(readImportText(n8n).source).toBe('n8n');
    const broken = JSON.parse(n8n);
    broken.nodes[1].name = broken.nodes[0].name;
    expect(problemOf(JSON.stringify(broken)).lead).toMatch(/^This is an n8n workflow, but it cannot be imported: /);
  });
});

describe('what Open says about a file that is not a Flowgate workflow', () => {
  const openError = (text: string) => {
    try {
      loadWorkflow(text);
    } catch (e) {
      return explainOpenError(text, e) as WorkflowLoadError;
    }
    throw new Error('the text loaded');
  };

  it('leads with what the file is (an n8n workflow: use Import) and refers to the whole file', () => {
    const e = openError(n8n);
    expect(e.message).toBe('This is an n8n workflow, not a Flowgate one. Use Import to convert it into a new Flowgate workflow.');
    expect(e.path).toBe('$');
    expect(openError('{"a":').message).toMatch(/^This file is not JSON, so it is not a Flowgate workflow\. Not valid JSON: the file ends too early/);
  });

  it('leaves the loader’s error of a workflow with a mistake as it is, path first', () => {
    const wf = JSON.parse(template);
    wf.nodes[0].kind = 'robot';
    const e = openError(JSON.stringify(wf));
    expect(e.code).toBe('invalid');
    expect(e.message.startsWith(`${e.path}: `)).toBe(true);
  });
});
