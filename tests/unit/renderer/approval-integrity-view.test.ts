// What the app shows of approval integrity, in its pure parts: the inspector's "this step sends" and
// "shown to the reviewer" (data-flow-view.ts), the replay's mark on a step that sent changed content,
// and the timeline's words for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { REPO_ROOT } from '../../../cli/repo';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import { removeElements } from '../../../shared/model/edits/graph';
import { setLabel } from '../../../shared/model/edits/node-config';
import type { Workflow } from '../../../shared/model/schema';
import { stopShowing } from '../../../shared/model/edits/approval-shows';
import { simulateScenario } from '../../../shared/simulation/simulate';
import { sentLines, showsView } from '../../../renderer/src/panels/inspector/data-flow-view';
import { describeEvent } from '../../../renderer/src/simulation/describe';
import { framesOf, nodeSims } from '../../../renderer/src/simulation/replay';

const redraft = loadWorkflow(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'redraft-after-approval.flowgate.json'), 'utf8')).workflow;
const support = loadWorkflow(readFileSync(join(REPO_ROOT, 'resources', 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;

describe('the inspector', () => {
  it('says what a sensitive step sends, and which steps before it write each value', () => {
    expect(sentLines(redraft, 'n5')).toEqual([
      { what: 'ticketId', inputs: ['ticketId'], writtenBy: ['New ticket'], own: false },
      { what: 'reply', inputs: ['body'], writtenBy: ['Draft reply', 'Polish reply'], own: false },
    ]);
    // A step that sends nothing needing approval has no such line.
    expect(sentLines(redraft, 'n4')).toBeNull();
    expect(sentLines(redraft, 'n1')).toBeNull();
  });

  it('names only the writers before the step', () => {
    // In the support template the close step's category comes from the classifier; the draft is not its concern.
    expect(sentLines(support, 'n10')).toEqual([
      { what: 'ticketId', inputs: ['ticketId'], writtenBy: ['New ticket'], own: false },
      { what: 'category', inputs: ['resolution'], writtenBy: ['Classify ticket'], own: false },
    ]);
  });

  it('shows an approval’s list against what the steps after it send', () => {
    const view = showsView(redraft, 'n3');
    expect(view).toMatchObject({ shown: ['ticketId', 'reply'], explicit: true, sent: [{ step: 'Send reply', variables: ['ticketId', 'reply'] }], unshown: [] });
    expect(view.addable.map((v) => v.name)).toEqual(['subject', 'body', 'customerName']);
    const blind = showsView(stopShowing(redraft, 'n3', 'reply'), 'n3');
    expect(blind.unshown).toEqual(['reply']);
    expect(blind.addable.map((v) => v.name)).toContain('reply');
  });

  it('answers each version after edits as it answers a fresh copy of it (the index is built from the last one)', () => {
    // Each version's index is built from the one before; a copy through JSON shares no step with them,
    // so its index is built afresh.
    const answers = (wf: Workflow) => wf.nodes.map((n) => [n.id, sentLines(wf, n.id), showsView(wf, n.id)]);
    const fresh = (wf: Workflow) => loadWorkflow(serializeWorkflow(wf)).workflow;
    let wf = redraft;
    const edits: ((w: Workflow) => Workflow)[] = [
      (w) => stopShowing(w, 'n3', 'reply'),
      (w) => setLabel(w, 'n2', 'Draft the reply'),
      (w) => removeElements(w, [], [w.edges[1].id]),
      (w) => removeElements(w, ['n4']),
    ];
    // What each edit changed, said at once (a view that kept an earlier version's answers would not).
    const said: ((w: Workflow) => void)[] = [
      (w) => expect(showsView(w, 'n3').unshown).toEqual(['reply']),
      (w) => expect(sentLines(w, 'n5')?.find((l) => l.what === 'reply')?.writtenBy).toEqual(['Draft the reply', 'Polish reply']),
      (w) => expect(sentLines(w, 'n5')?.find((l) => l.what === 'reply')?.writtenBy).toEqual(['Polish reply']),
      (w) => expect(sentLines(w, 'n5')?.find((l) => l.what === 'reply')?.writtenBy).toEqual([]),
    ];
    edits.forEach((edit, k) => {
      const before = wf;
      wf = edit(wf);
      sentLines(before, 'n5'); // the version before is the last one asked for: the edited one is built from it
      said[k](wf);
      expect(answers(wf)).toEqual(answers(fresh(wf)));
    });
  });
});

describe('a replayed run', () => {
  const trace = simulateScenario(redraft, loadSampleData(), { scenarioId: 'approved' });
  const frames = framesOf(trace.events);

  it('marks the step that sent changed content once the replay has shown it, and only that step', () => {
    const sims = (cursor: number) => nodeSims({ trace, frames, cursor, breakpoints: new Set(), waitingAt: null }, new Map());
    const sendFrame = frames.findIndex((f) => f.nodeId === 'n5') + 1;
    expect(sims(sendFrame - 1).get('n5')?.changed ?? false).toBe(false);
    const atEnd = sims(frames.length);
    expect(atEnd.get('n5')?.changed).toBe(true);
    expect([...atEnd].filter(([, s]) => s.changed).map(([id]) => id)).toEqual(['n5']);
  });

  it('says it in the timeline, naming the approval and what the reviewer was shown', () => {
    const i = trace.events.findIndex((e) => e.type === 'changed-after-approval');
    expect(describeEvent(trace.events[i], trace, i)).toEqual({
      title: 'Sends body changed after approval',
      detail: '“Supervisor approves reply” approved other content: what tickets.reply sends now is not what the reviewer saw.',
      tone: 'danger',
      denied: false,
    });
    const d = trace.events.findIndex((e) => e.type === 'approval.decided');
    expect(describeEvent(trace.events[d], trace, d).detail).toMatch(/, shown ticketId, reply$/);
  });
});
