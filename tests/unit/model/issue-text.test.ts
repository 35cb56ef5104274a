import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWorkflowValue, WorkflowLoadError } from '../../../shared/model/load';

const template = JSON.parse(readFileSync(new URL('../../../resources/templates/support-ticket-triage.flowgate.json', import.meta.url), 'utf8'));

/** Just enough shape to mutate a template in these tests. */
interface Doc {
  name: unknown;
  owner?: unknown;
  id: unknown;
  nodes: { kind: string; config: { confidenceThreshold?: unknown; task?: unknown; rules: { when: unknown }[] } }[];
}

function messageFor(mutate: (doc: Doc) => void): string {
  const doc = structuredClone(template);
  mutate(doc);
  try {
    loadWorkflowValue(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowLoadError);
    return (e as Error).message;
  }
  throw new Error('the document was accepted');
}

describe('load errors are said in plain words, with the full JSON path', () => {
  it.each([
    ['a wrong type', (d: Doc) => (d.name = 5), '$.name: must be text, not a number'],
    ['a missing field', (d: Doc) => delete d.owner, '$.owner: is missing: it must be text'],
    ['a number out of range', (d: Doc) => (d.nodes[1].config.confidenceThreshold = 3), '$.nodes[1].config.confidenceThreshold: must be at most 1'],
    ['an unknown option', (d: Doc) => (d.nodes[1].config.task = 'dance'), '$.nodes[1].config.task: must be one of "classify", "summarize", "draft", "extract", "retrieve", "route", not "dance"'],
    ['an empty id', (d: Doc) => (d.id = ''), '$.id: must not be empty'],
  ])('%s', (_name, mutate, expected) => {
    expect(messageFor(mutate)).toBe(expected);
  });

  it('an unknown step kind lists the kinds Flowgate knows', () => {
    expect(messageFor((d) => (d.nodes[0].kind = 'robot'))).toBe(
      '$.nodes[0].kind: is not a step kind Flowgate knows ("robot"; use one of "intake", "ai", "integration", "decision", "approval", "escalation", "end")',
    );
  });

  it('inside a union it follows the branch that got furthest, down to the bad value', () => {
    const message = messageFor((d) => (d.nodes[2].config.rules[0].when = { all: [{ var: 'x', op: 'like' }] }));
    expect(message).toMatch(/^\$\.nodes\[2\]\.config\.rules\[0\]\.when\.all\[0\]\.op: must be one of "eq", .*not "like"$/);
  });
});
