import { describe, expect, it } from 'vitest';
import { loadWorkflow, loadWorkflowValue, MAX_DEPTH, MAX_FILE_BYTES, serializeWorkflow, WorkflowLoadError } from '../../../shared/model/load';
import { at, list, sampleDocument, set } from './fixtures';

type Doc = Record<string, unknown>;

function failure(run: () => unknown): WorkflowLoadError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowLoadError);
    return e as WorkflowLoadError;
  }
  throw new Error('expected the document to be refused');
}

const text = (doc: unknown) => JSON.stringify(doc);

function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { inner: value };
  return value;
}

describe('loadWorkflow', () => {
  it('loads a valid document and fills in the defaults', () => {
    const { workflow, warnings } = loadWorkflow(text(sampleDocument()));
    expect(warnings).toEqual([]);
    expect(workflow.description).toBe('');
    expect(workflow.connections[0]).toMatchObject({ identity: '', logging: false, maintainer: '', revocation: '' });
    const ai = workflow.nodes[1];
    expect(ai.kind === 'ai' && ai.config).toMatchObject({ prompt: '', output: 'result', confidenceThreshold: 0.7, mode: 'suggest', provider: 'mock', sources: [], tools: [] });
    expect(workflow.edges[0].sourceHandle).toBe('out');
    const end = workflow.nodes[4];
    expect(end.kind === 'end' && end.config.outcome).toBe('resolved');
  });

  it('accepts a byte-order mark before the JSON', () => {
    expect(loadWorkflow(`\uFEFF${text(sampleDocument())}`).workflow.id).toBe('wf-1');
  });

  it('refuses text that is not JSON', () => {
    const e = failure(() => loadWorkflow('{"format": "flowgate.workflow",'));
    expect(e.code).toBe('not-json');
    expect(e.path).toBe('$');
    expect(e.message).toMatch(/not valid JSON/);
  });

  it('says where the JSON breaks, by line and column, without echoing the file', () => {
    expect(failure(() => loadWorkflow('{\n  "x": 1\n  "y": 2\n}')).message).toBe('not valid JSON: unexpected text at line 3, column 3');
    expect(failure(() => loadWorkflow('{"a":')).message).toBe('not valid JSON: the file ends too early at line 1, column 6');
    expect(failure(() => loadWorkflow('  ')).message).toBe('not valid JSON: the file is empty');
  });

  it.each([
    ['an array', '[]', '$'],
    ['a string', '"workflow"', '$'],
    ['null', 'null', '$'],
    ['an object of another format', '{"format": "bpmn", "schemaVersion": 1}', '$.format'],
    ['an object without a format', '{"schemaVersion": 1}', '$.format'],
  ])('refuses %s as not a workflow', (_what, input, path) => {
    const e = failure(() => loadWorkflow(input));
    expect(e.code).toBe('not-workflow');
    expect(e.path).toBe(path);
    expect(e.message).toMatch(/not a Flowgate workflow/);
  });

  it('refuses a document from a newer Flowgate and says so', () => {
    const e = failure(() => loadWorkflow(text({ ...sampleDocument(), schemaVersion: 2 })));
    expect(e.code).toBe('newer-version');
    expect(e.path).toBe('$.schemaVersion');
    expect(e.message).toMatch(/newer Flowgate/);
    expect(e.message).toMatch(/schemaVersion 2/);
  });

  it.each([0, -1, 1.5, '1', null])('refuses schemaVersion %j', (version) => {
    const e = failure(() => loadWorkflow(text({ ...sampleDocument(), schemaVersion: version })));
    expect(e.code).toBe('invalid');
    expect(e.path).toBe('$.schemaVersion');
  });

  it('names the JSON path of an invalid field', () => {
    const doc = sampleDocument();
    set(doc, 'nodes.1.config.task', 'dance');
    const e = failure(() => loadWorkflow(text(doc)));
    expect(e.code).toBe('invalid');
    expect(e.path).toBe('$.nodes[1].config.task');
    expect(e.message.startsWith('$.nodes[1].config.task: ')).toBe(true);
  });

  it.each([
    ['a confidence threshold above 1', (d: Doc) => set(d, 'nodes.1.config.confidenceThreshold', 1.5), '$.nodes[1].config.confidenceThreshold'],
    ['an unknown node kind', (d: Doc) => set(d, 'nodes.2.kind', 'wait'), '$.nodes[2].kind'],
    ['a grant that is not text', (d: Doc) => set(d, 'connections.0.grants', [42]), '$.connections[0].grants[0]'],
    ['a decision rule called else', (d: Doc) => set(d, 'nodes.2.config.rules.1.id', 'else'), '$.nodes[2].config.rules[1].id'],
    ['an empty edge id', (d: Doc) => set(d, 'edges.3.id', ''), '$.edges[3].id'],
    ['a missing name', (d: Doc) => set(d, 'name', undefined), '$.name'],
    ['a position without y', (d: Doc) => set(d, 'nodes.0.position.y', undefined), '$.nodes[0].position.y'],
  ])('names the path of %s', (_what, spoil, path) => {
    const doc = sampleDocument();
    spoil(doc);
    expect(failure(() => loadWorkflow(text(doc))).path).toBe(path);
  });

  it.each([
    ['node', (d: Doc) => set(d, 'nodes.2.id', 'n1'), '$.nodes[2].id', /duplicate node id "n1"/],
    ['edge', (d: Doc) => set(d, 'edges.1.id', 'e1'), '$.edges[1].id', /duplicate edge id "e1"/],
    ['connection', (d: Doc) => list(d, 'connections').push({ ...at(d, 'connections.0') }), '$.connections[1].id', /duplicate connection id "helpdesk"/],
  ])('refuses a duplicate %s id', (_what, spoil, path, message) => {
    const doc = sampleDocument();
    spoil(doc);
    const e = failure(() => loadWorkflow(text(doc)));
    expect(e.path).toBe(path);
    expect(e.message).toMatch(message);
  });

  it('refuses edges that point at missing nodes', () => {
    const doc = sampleDocument();
    set(doc, 'edges.2.target', 'n99');
    expect(failure(() => loadWorkflow(text(doc))).path).toBe('$.edges[2].target');
    const other = sampleDocument();
    set(other, 'edges.0.source', 'ghost');
    const e = failure(() => loadWorkflow(text(other)));
    expect(e.path).toBe('$.edges[0].source');
    expect(e.message).toMatch(/no node with id "ghost"/);
  });

  it('removes __proto__, constructor and prototype keys wherever they are, and says so', () => {
    const raw = text(sampleDocument())
      .replace('{"format"', '{"__proto__": {"polluted": true}, "format"')
      .replace('"config":{"task":"classify"}', '"config":{"task":"classify","constructor":{"prototype":{"polluted":true}}}');
    expect(raw).toContain('__proto__');
    expect(raw).toContain('"constructor"');
    const { workflow, warnings } = loadWorkflow(raw);
    expect(Object.prototype.hasOwnProperty.call(workflow, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(workflow)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(workflow.nodes[1].config, 'constructor')).toBe(false);
    expect(({} as Doc).polluted).toBeUndefined();
    expect(warnings).toEqual(expect.arrayContaining(['a key named "__proto__" was removed', 'a key named "constructor" was removed']));
    expect(serializeWorkflow(workflow)).not.toMatch(/__proto__|constructor|polluted/);
  });

  it(`accepts nesting up to ${MAX_DEPTH} levels and refuses deeper documents`, () => {
    // The root object is level 1, so an extra field may hold MAX_DEPTH - 1 nested objects.
    expect(() => loadWorkflowValue({ ...sampleDocument(), extra: nested(MAX_DEPTH - 1) })).not.toThrow();
    const e = failure(() => loadWorkflowValue({ ...sampleDocument(), extra: nested(MAX_DEPTH) }));
    expect(e.code).toBe('too-deep');
    expect(e.message).toMatch(new RegExp(`more than ${MAX_DEPTH} levels`));
  });

  it('refuses a hostile, very deep file with a clear error rather than a stack overflow', () => {
    const depth = 20_000;
    const raw = `{"format":"flowgate.workflow","schemaVersion":1,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(failure(() => loadWorkflow(raw)).code).toBe('too-deep');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const e = failure(() => loadWorkflow(' '.repeat(MAX_FILE_BYTES + 1)));
    expect(e.code).toBe('too-large');
    expect(e.path).toBe('$');
  });

  it('keeps unknown fields at every level through load, save and load', () => {
    const doc = sampleDocument();
    const mark = (o: Doc, name: string) => (o[`x-${name}`] = { from: name, list: [1, 'two', null] });
    mark(doc, 'root');
    mark(at(doc, 'connections.0'), 'connection');
    doc.connectors = [{ id: 'erp', label: 'ERP', actions: [{ scope: 'erp.orders.read', effect: 'read' }] }];
    mark(at(doc, 'connectors.0'), 'connector');
    mark(at(doc, 'connectors.0.actions.0'), 'custom-action');
    const nodes = list(doc, 'nodes');
    const edges = list(doc, 'edges');
    for (const n of nodes) {
      mark(n, `node-${n.id}`);
      mark(at(n, 'config'), `config-${n.id}`);
      mark(at(n, 'position'), `position-${n.id}`);
    }
    set(doc, 'nodes.1.config.labels', [{ name: 'billing', keywords: ['invoice'], 'x-label': true }]);
    set(doc, 'nodes.1.config.sources', [{ connection: 'helpdesk', action: 'tickets.read', 'x-ref': 7 }]);
    set(doc, 'nodes.1.lint', { disable: [{ rule: 'ai/no-fallback', reason: 'demo', 'x-disable': 'kept' }], 'x-lint': 1 });
    mark(at(doc, 'nodes.2.config.rules.0'), 'rule');
    mark(at(doc, 'nodes.2.config.rules.0.when'), 'when');
    mark(at(doc, 'nodes.2.config.rules.0.when.all.0'), 'condition');
    for (const e of edges) mark(e, `edge-${e.id}`);
    doc.lint = { rules: { 'gate/no-timeout': 'off' }, 'x-lint-settings': 'kept' };
    doc.simulation = { scenarios: [{ id: 'a', name: 'A', input: { ticketId: 'T-1' } }], reviewers: {}, 'x-future': [true] };

    const first = loadWorkflow(text(doc)).workflow;
    const saved = serializeWorkflow(first);
    const second = loadWorkflow(saved).workflow;
    expect(second).toEqual(first);
    expect(serializeWorkflow(second)).toBe(saved);

    const markers = [...saved.matchAll(/"x-([a-z0-9-]+)"/g)].map((m) => m[1]);
    const expected = [
      'root', 'connection', 'connector', 'custom-action', 'label', 'ref', 'disable', 'lint', 'rule', 'when', 'condition', 'lint-settings', 'future',
      ...nodes.flatMap((n) => [`node-${n.id}`, `config-${n.id}`, `position-${n.id}`]),
      ...edges.map((e) => `edge-${e.id}`),
    ];
    expect(new Set(markers)).toEqual(new Set(expected));
    expect(at(second)['x-root']).toEqual({ from: 'root', list: [1, 'two', null] });
    expect(at(second, 'nodes.2.config.rules.0.when.all.0')['x-condition']).toEqual({ from: 'condition', list: [1, 'two', null] });
  });
});

describe('serializeWorkflow', () => {
  it('writes two-space JSON with a final newline', () => {
    const out = serializeWorkflow(loadWorkflow(text(sampleDocument())).workflow);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe('  "format": "flowgate.workflow",');
  });
});
