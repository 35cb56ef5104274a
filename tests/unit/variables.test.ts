import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../shared/model/schema';
import { SYSTEM_VARIABLES, upstreamOf, variablesAt } from '../../shared/model/variables';
import { insertText, isVariableName, rootOf, templateVariables, unknownVariables } from '../../shared/model/prompt';

const at = { x: 0, y: 0 };
const intake = (id: string, fields: string[], label = id): WorkflowNode => ({ id, kind: 'intake', label, position: at, config: { source: 'form', fields } });
const ai = (id: string, output: string, label = id): WorkflowNode => ({
  id,
  kind: 'ai',
  label,
  position: at,
  config: { task: 'classify', prompt: '', output, labels: [], confidenceThreshold: 0.7, sources: [], tools: [], mode: 'suggest', provider: 'mock' },
});
const end = (id: string): WorkflowNode => ({ id, kind: 'end', label: id, position: at, config: { outcome: 'resolved' } });
const approval = (id: string): WorkflowNode => ({ id, kind: 'approval', label: id, position: at, config: { reviewer: 'lead', instructions: '', timeoutHours: 24 } });

function wf(nodes: WorkflowNode[], links: [string, string, string?][]): Workflow {
  const edges: WorkflowEdge[] = links.map(([source, target, handle], i) => ({ id: `e${i + 1}`, source, target, sourceHandle: handle ?? 'out' }));
  return { ...blankWorkflow('w'), nodes, edges };
}

const names = (w: Workflow, id: string) => variablesAt(w, id).map((v) => v.name);
const systemNames = SYSTEM_VARIABLES.map((v) => v.name);

describe('variablesAt', () => {
  it('lists the intake fields and the outputs of AI steps before a step, then the system variables', () => {
    const w = wf([intake('i', ['subject', 'body'], 'New ticket'), ai('a', 'category', 'Classify'), approval('g'), end('z')], [
      ['i', 'a'],
      ['a', 'g', 'ok'],
      ['g', 'z', 'approved'],
    ]);
    expect(variablesAt(w, 'g')).toEqual([
      { name: 'subject', from: 'New ticket', kind: 'input' },
      { name: 'body', from: 'New ticket', kind: 'input' },
      { name: 'category', from: 'Classify', kind: 'ai-output' },
      ...SYSTEM_VARIABLES.map((v) => ({ name: v.name, from: 'system', kind: 'system' })),
    ]);
  });

  it('does not offer a step its own output, nor the output of steps after it', () => {
    const w = wf([intake('i', ['subject']), ai('a', 'category'), ai('b', 'draft'), end('z')], [
      ['i', 'a'],
      ['a', 'b', 'ok'],
      ['b', 'z', 'ok'],
    ]);
    expect(names(w, 'a')).toEqual(['subject', ...systemNames]);
    expect(names(w, 'b')).toEqual(['subject', 'category', ...systemNames]);
    expect(names(w, 'z')).toEqual(['subject', 'category', 'draft', ...systemNames]);
  });

  it('collects fields from every intake that can reach the step, and only those', () => {
    const w = wf([intake('mail', ['sender']), intake('form', ['email']), intake('other', ['secret']), end('z'), end('y')], [
      ['mail', 'z'],
      ['form', 'z'],
      ['other', 'y'],
    ]);
    expect(names(w, 'z')).toEqual(['sender', 'email', ...systemNames]);
    expect(names(w, 'z')).not.toContain('secret');
  });

  it('includes AI steps on any one of several paths (a branch that skips the step still counts)', () => {
    const w = wf([intake('i', []), ai('a', 'category'), ai('b', 'summary'), end('z')], [
      ['i', 'a'],
      ['a', 'b', 'ok'],
      ['a', 'z', 'low_confidence'],
      ['b', 'z', 'ok'],
    ]);
    expect(names(w, 'z')).toEqual(['category', 'summary', ...systemNames]);
  });

  it('terminates on cycles and sees the outputs produced around the loop', () => {
    const w = wf([intake('i', ['q']), ai('a', 'answer'), approval('g')], [
      ['i', 'a'],
      ['a', 'g', 'ok'],
      ['g', 'a', 'rejected'],
    ]);
    expect(names(w, 'a')).toEqual(['q', ...systemNames]);
    expect(names(w, 'g')).toEqual(['q', 'answer', ...systemNames]);
  });

  it('names each variable once, with the first source in document order, and skips blank names', () => {
    const w = wf([intake('i1', ['email', ' ', 'email'], 'Form'), intake('i2', ['email'], 'Mail'), ai('a', 'email', 'Extract'), end('z')], [
      ['i1', 'a'],
      ['i2', 'a'],
      ['a', 'z', 'ok'],
    ]);
    const vars = variablesAt(w, 'z');
    expect(vars.filter((v) => v.name === 'email')).toEqual([{ name: 'email', from: 'Form', kind: 'input' }]);
    expect(vars.some((v) => v.name.trim() === '')).toBe(false);
  });

  it('falls back to "intake" or the step id when a step has no label', () => {
    const w = wf([intake('i', ['subject'], ''), ai('a', 'category', '  '), end('z')], [
      ['i', 'a'],
      ['a', 'z', 'ok'],
    ]);
    const vars = variablesAt(w, 'z');
    expect(vars[0]).toEqual({ name: 'subject', from: 'intake', kind: 'input' });
    expect(vars[1]).toEqual({ name: 'category', from: 'a', kind: 'ai-output' });
  });

  it('gives only the system variables to an unknown or unconnected step', () => {
    const w = wf([intake('i', ['subject']), end('z')], []);
    expect(names(w, 'z')).toEqual(systemNames);
    expect(names(w, 'nope')).toEqual(systemNames);
  });

  it('answers each version of a document by its own links, though an edit that leaves them keeps their list', () => {
    const w1 = wf([intake('i', ['subject']), ai('a', 'summary'), ai('b', 'reply'), end('z')], [['i', 'a'], ['a', 'z']]);
    expect(names(w1, 'z')).toEqual(['subject', 'summary', ...systemNames]);
    // A renamed output: the same list of links, the new node list read.
    const w2 = { ...w1, nodes: [w1.nodes[0], ai('a', 'gist'), w1.nodes[2], w1.nodes[3]] };
    expect(w2.edges).toBe(w1.edges);
    expect(names(w2, 'z')).toEqual(['subject', 'gist', ...systemNames]);
    // A link added: a new list, and its answer.
    const w3 = { ...w2, edges: [...w2.edges, { id: 'e9', source: 'b', target: 'z', sourceHandle: 'ok' }] };
    expect(names(w3, 'z')).toEqual(['subject', 'gist', 'reply', ...systemNames]);
    expect(upstreamOf(w3, 'z')).toEqual(new Set(['i', 'a', 'b']));
    // The earlier version still answers by its own links.
    expect(upstreamOf(w2, 'z')).toEqual(new Set(['i', 'a']));
  });

  it('agrees with a brute-force reachability check on random graphs (and never hangs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 20 }), (n, pairs) => {
        const nodes = Array.from({ length: n }, (_, i) => ai(`n${i}`, `v${i}`));
        const links = pairs.filter(([a, b]) => a < n && b < n).map(([a, b]) => [`n${a}`, `n${b}`, 'ok'] as [string, string, string]);
        const w = wf(nodes, links);
        for (let t = 0; t < n; t++) {
          // Reachability by repeated relaxation: slow but obviously right.
          const reach = new Set<string>();
          let grew = true;
          while (grew) {
            grew = false;
            for (const [s, d] of links) {
              if ((d === `n${t}` || reach.has(d)) && !reach.has(s)) {
                reach.add(s);
                grew = true;
              }
            }
          }
          reach.delete(`n${t}`);
          expect(upstreamOf(w, `n${t}`)).toEqual(reach);
          const expected = nodes.filter((x) => reach.has(x.id)).map((x) => (x.kind === 'ai' ? x.config.output : ''));
          expect(names(w, `n${t}`)).toEqual([...expected, ...systemNames]);
        }
      }),
    );
  });
});

describe('templateVariables', () => {
  it('finds {{name}} and {{ name.path }} references once each, in order', () => {
    expect(templateVariables('Hi {{customer}}, about {{ ticket.subject }} — {{customer}} {{ticket.subject}}')).toEqual(['customer', 'ticket.subject']);
  });

  it('accepts underscores, digits and hyphens after the first character', () => {
    expect(templateVariables('{{_x}} {{field_2}} {{due-date}} {{a.b_c.3}}')).toEqual(['_x', 'field_2', 'due-date', 'a.b_c.3']);
  });

  it('ignores braces that do not hold a valid reference', () => {
    expect(templateVariables('{{ }} {{1abc}} {{a b}} {{a.}} {single} {{.a}} {{a..b}}')).toEqual([]);
  });

  it('handles text with no template and unclosed braces', () => {
    expect(templateVariables('')).toEqual([]);
    expect(templateVariables('{{open')).toEqual([]);
    expect(templateVariables('{{{x}}}')).toEqual(['x']);
  });
});

describe('unknownVariables', () => {
  it('reports the references whose variable is not available, judged by the first part of the path', () => {
    const text = 'Reply to {{customer.name}} about {{category}} using {{articles}} at {{now}}';
    expect(unknownVariables(text, ['customer', 'category', 'now'])).toEqual(['articles']);
  });

  it('accepts the objects returned by variablesAt', () => {
    const w = wf([intake('i', ['subject']), ai('a', 'summary'), end('z')], [
      ['i', 'a'],
      ['a', 'z', 'ok'],
    ]);
    expect(unknownVariables('{{subject}} {{summary}} {{today}} {{draft}}', variablesAt(w, 'z'))).toEqual(['draft']);
    expect(unknownVariables('{{summary}}', variablesAt(w, 'a'))).toEqual(['summary']);
  });

  it('reports nothing for text without references', () => {
    expect(unknownVariables('plain text', [])).toEqual([]);
  });
});

describe('prompt helpers', () => {
  it('rootOf takes the part before the first dot', () => {
    expect(rootOf('ticket.subject.first')).toBe('ticket');
    expect(rootOf('ticket')).toBe('ticket');
  });

  it('isVariableName accepts only names that can be written as {{name}}', () => {
    expect(isVariableName('subject')).toBe(true);
    expect(isVariableName('due-date')).toBe(true);
    expect(isVariableName('customer email')).toBe(false);
    expect(isVariableName('2nd')).toBe(false);
    expect(isVariableName('')).toBe(false);
    expect(isVariableName('a.b')).toBe(false);
  });

  it('insertText replaces the selection and puts the cursor after the insertion', () => {
    expect(insertText('Hello world', 6, 11, '{{name}}')).toEqual({ text: 'Hello {{name}}', cursor: 14 });
    expect(insertText('ab', 1, 1, 'X')).toEqual({ text: 'aXb', cursor: 2 });
    expect(insertText('ab', 2, 0, 'X')).toEqual({ text: 'X', cursor: 1 });
  });

  it('insertText appends when the cursor is out of range or unknown', () => {
    expect(insertText('ab', 99, 99, 'X')).toEqual({ text: 'abX', cursor: 3 });
    expect(insertText('ab', Number.NaN, Number.NaN, 'X')).toEqual({ text: 'abX', cursor: 3 });
  });
});
