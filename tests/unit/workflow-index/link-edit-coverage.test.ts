// Edits of links only (connect, disconnect, a link moved to another target or output, links added by
// hand: to itself, twice, into an intake, in the middle of the list, several at once) keep in the
// approval coverage who uses what and the stale walks the changed links play no part in
// (approval-coverage.ts carryWalks, workflow-index.ts `sources`). Over scripts of such edits on small
// documents rich in approvals, AI steps drafting after them (some of which act), reads, intakes and
// sensitive steps sending drafted variables, every version's coverage, built from the version it was
// edited from, answers as one built afresh: the stale uses with their witness writer and approval, in
// the map's order, and what each approval covers, shows and leaves unshown. So it does when the
// coverage is asked on some versions only, when an earlier version is edited again (an undo, then
// another edit), when every version is asked again after later ones took its work over, and when edits
// of steps that keep or revise the coverage come in between; and the incremental analysis equals a
// full one after each edit. The documents that run down the page are the ones that catch a walk kept
// though it reaches a changed link's source, or though an intake after an approval is one.
import * as fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { KINDS } from '../../../shared/kinds/registry';
import { addNode, connect, removeElements, updateNode } from '../../../shared/model/edits/graph';
import { setLabel } from '../../../shared/model/edits/node-config';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../../../shared/model/schema';
import { buildWorkflowIndex, indexChanges, type WorkflowIndex } from '../../../shared/workflow-index/workflow-index';
import { HELPDESK, ai, approval, decision, doc, end, escalation, integration, intake } from '../analysis/fixtures';

type Spec = ReturnType<typeof intake>;

/** The steps a document is made of: several approvals, drafting AI steps (some acting), sensitive sends of drafted variables. */
const STEPS: ((id: string) => Spec)[] = [
  (id) => intake(id, 'helpdesk', 'tickets.read', ['ticketId', 'body']),
  (id) => approval(id, { shows: ['reply'] }),
  (id) => approval(id),
  (id) => approval(id, { shows: [] }),
  (id) => ai(id, { task: 'draft', output: 'reply' }),
  (id) => ai(id, { task: 'summarize', output: 'summary' }),
  (id) => ai(id, { task: 'classify', output: 'category' }),
  (id) => ai(id, { task: 'draft', output: 'reply', mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] }),
  (id) => integration(id, 'helpdesk', 'tickets.reply', { ticketId: '{{ticketId}}', body: '{{reply}}' }),
  (id) => integration(id, 'helpdesk', 'tickets.comment', { ticketId: '{{ticketId}}', body: '{{summary}} {{category}}' }),
  (id) => integration(id, 'helpdesk', 'tickets.reply'), // unmapped: sends the latest draft
  (id) => integration(id, 'helpdesk', 'tickets.delete'),
  (id) => integration(id, 'helpdesk', 'tickets.read'), // a read: writes what it reads
  (id) => decision(id, 'a', 'b'),
  (id) => escalation(id),
  (id) => end(id),
];

const HANDLES = ['out', 'ok', 'error', 'approved', 'rejected', 'timeout', 'low_confidence', 'a', 'b', 'else'];

const outputs = (wf: Workflow, id: string) => {
  const n = wf.nodes.find((x) => x.id === id)!;
  return KINDS[n.kind].outputs(n.config as never).map((h) => h.id);
};

/** A document from step kinds and links, each link [source, output (by position among the source's), target]. */
function build(kinds: number[], links: [number, number, number][]): Workflow {
  const ids = kinds.map((_, i) => `s${i}`);
  const nodes = kinds.map((k, i) => STEPS[k % STEPS.length](ids[i]));
  const base = doc({ connections: [HELPDESK], nodes: nodes as never });
  const edges: string[] = [];
  for (const [s, h, t] of links) {
    const source = ids[s % ids.length];
    const handles = outputs(base, source);
    if (!handles.length) continue;
    edges.push(`${source}.${handles[h % handles.length]} -> ${ids[t % ids.length]}`);
  }
  return doc({ connections: [HELPDESK], nodes: nodes as never, edges });
}

type Pick = [number, number, number, number];
type Edit = (wf: Workflow, p: Pick) => Workflow;
const stepId = (wf: Workflow, x: number) => wf.nodes[x % wf.nodes.length].id;
let edgeNumber = 0;
const byHand = (source: string, sourceHandle: string, target: string): WorkflowEdge => ({ id: `h${++edgeNumber}`, source, sourceHandle, target });

/** Edits of links only: the steps stay the same objects. */
const EDITS: Record<string, Edit> = {
  connect: (wf, [a, b, c]) => {
    const source = stepId(wf, a);
    const handles = outputs(wf, source);
    if (!handles.length) return wf;
    const r = connect(wf, { source, sourceHandle: handles[b % handles.length], target: stepId(wf, c) });
    return r.ok ? r.workflow : wf;
  },
  disconnect: (wf, [a]) => (wf.edges.length ? removeElements(wf, [], [wf.edges[a % wf.edges.length].id]) : wf),
  /** A link moved to another target: one removed, one added, in one edit. */
  retarget: (wf, [a, , c]) => {
    if (!wf.edges.length) return wf;
    const e = wf.edges[a % wf.edges.length];
    const without = removeElements(wf, [], [e.id]);
    const r = connect(without, { source: e.source, sourceHandle: e.sourceHandle, target: stepId(wf, c) });
    return r.ok ? r.workflow : wf;
  },
  /** A link moved to another output of its source (an approval's `approved` to `rejected`, and back). */
  rehandle: (wf, [a, b]) => {
    if (!wf.edges.length) return wf;
    const e = wf.edges[a % wf.edges.length];
    const handles = outputs(wf, e.source);
    const handle = handles[b % handles.length];
    if (!handle || handle === e.sourceHandle) return wf;
    return { ...wf, edges: wf.edges.map((x) => (x === e ? { ...x, sourceHandle: handle } : x)) };
  },
  /** A link the app would refuse: to itself, a second from one output, into an intake, by any handle. */
  byHand: (wf, [a, b, c, d]) => {
    const source = stepId(wf, a);
    const handles = d % 2 ? outputs(wf, source) : HANDLES;
    return handles.length ? { ...wf, edges: [...wf.edges, byHand(source, handles[b % handles.length], stepId(wf, c))] } : wf;
  },
  /** A link into an intake (which the app refuses): its item, anything at all, then follows an approval. */
  intoIntake: (wf, [a, b, c]) => {
    const intakes = wf.nodes.filter((n) => n.kind === 'intake');
    const source = stepId(wf, a);
    const handles = outputs(wf, source);
    return intakes.length && handles.length ? { ...wf, edges: [...wf.edges, byHand(source, handles[b % handles.length], intakes[c % intakes.length].id)] } : wf;
  },
  /** A link to a step further down the document (most documents below run that way). */
  forward: (wf, [a, b, c]) => {
    const n = wf.nodes.length;
    const i = a % n;
    return i + 1 < n ? EDITS.connect(wf, [i, b, i + 1 + (c % (n - i - 1)), 0]) : wf;
  },
  selfLink: (wf, [a, b]) => {
    const id = stepId(wf, a);
    const handles = outputs(wf, id);
    return handles.length ? { ...wf, edges: [...wf.edges, byHand(id, handles[b % handles.length], id)] } : wf;
  },
  /** The same link twice. */
  duplicate: (wf, [a]) => (wf.edges.length ? { ...wf, edges: [...wf.edges, { ...wf.edges[a % wf.edges.length], id: `h${++edgeNumber}` }] } : wf),
  /** A link put in the middle of the list: the links after it count as removed and added again. */
  insert: (wf, [a, b, c, d]) => {
    const source = stepId(wf, a);
    const handles = outputs(wf, source);
    if (!handles.length) return wf;
    const edges = wf.edges.slice();
    edges.splice(d % (edges.length + 1), 0, byHand(source, handles[b % handles.length], stepId(wf, c)));
    return { ...wf, edges };
  },
  /** Several links at once: one taken out, two put in. */
  several: (wf, [a, b, c, d]) => {
    const next = EDITS.disconnect(wf, [a, b, c, d]);
    return EDITS.byHand(EDITS.connect(next, [b, c, d, a]), [c, d, a, b]);
  },
};

/** Settings that keep what every step writes (so the variable flow is revised, not made again), or turn a step sensitive or back. */
const PATCHES: Record<string, Record<string, unknown>[]> = {
  ai: [{ mode: 'act', tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] }, { mode: 'suggest' }],
  integration: [{ inputs: { ticketId: '{{ticketId}}', body: '{{reply}}' } }, { inputs: { ticketId: '{{ticketId}}', body: '{{summary}}' } }, { inputs: {} }],
  approval: [{ shows: ['reply'] }, { shows: [] }, { shows: undefined }],
};

/** Edits of steps mixed in with the link edits: a version carried from one whose coverage was itself kept or revised. */
const STEP_EDITS: Record<string, Edit> = {
  ...EDITS,
  rename: (wf, [a, b]) => setLabel(wf, stepId(wf, a), `Step ${b % 5}`),
  patch: (wf, [a, b]) => {
    const n = wf.nodes[a % wf.nodes.length];
    const patches = PATCHES[n.kind];
    return patches ? updateNode(wf, n.id, { config: { ...(n.config as Record<string, unknown>), ...patches[b % patches.length] } as WorkflowNode['config'] }) : wf;
  },
  /** A step with no part in the flow, added without links (links to it may follow). */
  addStep: (wf, [a]) => addNode(wf, (['decision', 'end', 'escalation'] as const)[a % 3], { x: 0, y: 400 }).workflow,
  deleteStep: (wf, [a]) => removeElements(wf, [stepId(wf, a)]),
};


/** What the coverage answers, as plain data. */
function coverageAnswers(index: WorkflowIndex, wf: Workflow) {
  const coverage = index.coverage();
  const approvals = wf.nodes.filter((n) => n.kind === 'approval').map((n) => n.id);
  return {
    stale: [...coverage.stale],
    approvals: approvals.map((id) => ({ id, covered: coverage.covered(id), shows: coverage.shows(id), defaultShows: coverage.defaultShows(id), unshown: coverage.unshown(id) })),
  };
}

const documentArb = fc.tuple(
  fc.array(fc.nat(STEPS.length - 1), { minLength: 3, maxLength: 11 }),
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 16 }),
);
const pickArb = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()) as fc.Arbitrary<Pick>;
type Step = [number, Pick, number, number, number];
const scriptArb = fc.array(fc.tuple(fc.nat(), pickArb, fc.nat(3), fc.nat(4), fc.nat()), { minLength: 1, maxLength: 10 }) as fc.Arbitrary<Step[]>;

/** A document with approvals, drafts after them, and sensitive steps after those: the case the carry is for. */
const richArb = fc.tuple(
  fc.array(fc.constantFrom(0, 1, 2, 3, 4, 4, 5, 7, 8, 8, 9, 10, 12, 13), { minLength: 4, maxLength: 12 }),
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 4, maxLength: 20 }),
);

/** Versions made by a link edit whose coverage was carried from the previous version's (the reuse this file is about). */
let carried = 0;

/**
 * Documents that run down the page: an intake, an approval and a decision after it, then steps linked
 * mostly to steps further down (now and then back up: loops), so that drafts and sends lie after
 * approvals on some branches and not others.
 */
const layeredArb = fc
  .tuple(
    fc.array(fc.constantFrom(0, 1, 2, 3, 4, 4, 5, 7, 8, 8, 9, 10, 11, 12, 13, 13, 13, 14), { minLength: 4, maxLength: 10 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(9)), { minLength: 6, maxLength: 24 }),
  )
  .map(([rest, raw]): [number[], [number, number, number][]] => {
    const kinds = [0, 1, 13, ...rest];
    const n = kinds.length;
    const links = raw.map(([s, h, d, back]): [number, number, number] => {
      const i = s % n;
      return [i, h, back === 0 || i === n - 1 ? d % n : i + 1 + (d % (n - i - 1))];
    });
    return [kinds, [[0, 0, 1], [1, 0, 2], ...links]];
  });

/**
 * A script of link edits on the document, each version indexed from the one it was edited from and
 * its coverage asked (`ask` 0: not asked on that version); `back` 0 edits an earlier version instead
 * of the latest (an undo, then another edit), `from` choosing which.
 */
function run(edits: Record<string, Edit>, [kinds, links]: [number[], [number, number, number][]], script: Step[]) {
  const names = Object.keys(edits);
  const linkOnly = edits === EDITS;
  const first = build(kinds, links);
  const versions: { index: WorkflowIndex; wf: Workflow; path: string }[] = [{ index: buildWorkflowIndex(first), wf: first, path: 'open' }];
  coverageAnswers(versions[0].index, first);
  const analyzer = createIncrementalAnalyzer();
  analyzer.analyze(first);
  let base = versions[0];
  for (const [e, pick, ask, back, from] of script) {
    if (back === 0) base = versions[from % versions.length];
    const name = names[e % names.length];
    const wf = edits[name](base.wf, pick);
    if (wf === base.wf) continue;
    if (linkOnly && (wf.nodes.length !== base.wf.nodes.length || wf.nodes.some((n, i) => n !== base.wf.nodes[i]))) throw new Error(`${name} touched the steps`);
    const index = buildWorkflowIndex(wf, base.index);
    const changes = indexChanges(index);
    if (linkOnly && changes && changes.coverage() !== 'all') carried++;
    const path = `${base.path} → ${name}`;
    // Mostly asked on every version; now and then skipped, so that a version carries from one never asked.
    if (ask) {
      const got = coverageAnswers(index, wf);
      const want = coverageAnswers(buildWorkflowIndex(wf), wf);
      if (!isDeepStrictEqual(got, want)) throw new Error(`the coverage differs after ${path}:\n${JSON.stringify(got)}\n${JSON.stringify(want)}`);
    }
    base = { index, wf, path };
    versions.push(base);
    if (!isDeepStrictEqual(analyzer.analyze(wf), analyze(wf))) throw new Error(`the analysis differs after ${path}`);
  }
  // Every version asked again, after the later ones took its work over.
  for (const { index, wf, path } of versions) {
    if (!isDeepStrictEqual(coverageAnswers(index, wf), coverageAnswers(buildWorkflowIndex(wf), wf))) throw new Error(`the version after ${path} answers differently once later versions were built`);
  }
}

// 80 runs each here; a search for counterexamples runs more (FLOWGATE_PROPERTY_RUNS=3000 took 40 s).
const RUNS = Number(process.env.FLOWGATE_PROPERTY_RUNS ?? 80);

describe('the approval coverage after edits of links only', () => {
  it('answers as built afresh on documents of any steps and links', () => {
    carried = 0;
    fc.assert(fc.property(documentArb, scriptArb, (d, sc) => run(EDITS, d, sc)), { numRuns: RUNS });
    expect(carried).toBeGreaterThan(0);
  });

  it('answers as built afresh on documents of approvals, drafts after them and sensitive sends', () => {
    carried = 0;
    fc.assert(fc.property(richArb, scriptArb, (d, sc) => run(EDITS, d, sc)), { numRuns: RUNS });
    expect(carried).toBeGreaterThan(0);
  });

  it('answers as built afresh on documents that run down the page, branching after approvals', () => {
    carried = 0;
    fc.assert(fc.property(layeredArb, scriptArb, (d, sc) => run(EDITS, d, sc)), { numRuns: RUNS });
    expect(carried).toBeGreaterThan(0);
  });

  it('answers as built afresh when link edits follow edits of steps that kept or revised the coverage', () => {
    fc.assert(fc.property(layeredArb, scriptArb, (d, sc) => run(STEP_EDITS, d, sc)), { numRuns: RUNS });
  });
});
