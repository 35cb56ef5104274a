import { describe, expect, it } from 'vitest';
import { connectionRefusal } from '../../../shared/model/connect';
import { removeElements } from '../../../shared/model/edits/graph';
import { sampleWorkflow } from './fixtures';

describe('connectionRefusal', () => {
  const wf = sampleWorkflow();

  it('allows a new edge from a free output to a step that takes input', () => {
    const free = removeElements(wf, [], ['e5']);
    expect(connectionRefusal(free, { source: 'n3', sourceHandle: 'else', target: 'n4' })).toBeNull();
    expect(connectionRefusal(wf, { source: 'n2', sourceHandle: 'error', target: 'n6' })).toBeNull();
  });

  it('refuses an edge into an intake', () => {
    expect(connectionRefusal(wf, { source: 'n2', sourceHandle: 'error', target: 'n1' })).toMatch(/intake starts the workflow/);
  });

  it('refuses an edge out of an end', () => {
    expect(connectionRefusal(wf, { source: 'n4', sourceHandle: null, target: 'n5' })).toMatch(/end step finishes the workflow/);
  });

  it('refuses a self-loop', () => {
    expect(connectionRefusal(wf, { source: 'n2', sourceHandle: 'error', target: 'n2' })).toMatch(/cannot connect to itself/);
  });

  it('refuses a duplicate edge', () => {
    expect(connectionRefusal(wf, { source: 'n3', sourceHandle: 'billing', target: 'n4' })).toMatch(/already connected/);
  });

  it('refuses a second edge from the same output, naming the output', () => {
    expect(connectionRefusal(wf, { source: 'n3', sourceHandle: 'billing', target: 'n5' })).toMatch(/"Billing" output of "Route" already leads somewhere/);
    expect(connectionRefusal(wf, { source: 'n1', sourceHandle: undefined, target: 'n3' })).toMatch(/"out" output of "New ticket"/);
  });

  it('refuses an output the step does not have and steps that do not exist', () => {
    expect(connectionRefusal(wf, { source: 'n2', sourceHandle: 'maybe', target: 'n6' })).toMatch(/has no output called "maybe"/);
    expect(connectionRefusal(wf, { source: 'n2', sourceHandle: 'error', target: 'n99' })).toMatch(/Both ends/);
    expect(connectionRefusal(wf, { source: 'n99', sourceHandle: 'out', target: 'n2' })).toMatch(/Both ends/);
  });
});
