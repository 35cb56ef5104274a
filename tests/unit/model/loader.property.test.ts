// Property tests of the loader: whatever a file holds, loadWorkflow gives either a valid workflow
// (that saves and loads back to itself) or a WorkflowLoadError naming a JSON path; it never throws
// anything else, never pollutes a prototype and never lets a forbidden key through.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, serializeWorkflow, WorkflowLoadError, type LoadResult } from '../../../shared/model/load';
import { workflowSchema, type Workflow } from '../../../shared/model/schema';
import { TEMPLATES, hasForbiddenKey, mutatedDocumentArb, prototypeIsClean } from './mutations';

const CODES = ['too-large', 'not-json', 'too-deep', 'not-workflow', 'newer-version', 'invalid'];

/** The loader's outcome for `text`; any error other than WorkflowLoadError fails the property. */
function outcome(text: string): { ok: true; result: LoadResult } | { ok: false; error: WorkflowLoadError } {
  try {
    return { ok: true, result: loadWorkflow(text) };
  } catch (e) {
    if (!(e instanceof WorkflowLoadError)) throw new Error(`the loader threw ${String(e)}`, { cause: e });
    return { ok: false, error: e };
  }
}

function expectValidWorkflow(workflow: Workflow): void {
  expect(workflowSchema.safeParse(workflow).success).toBe(true);
  expect(hasForbiddenKey(workflow)).toBe(false);
  // What Flowgate would save loads back to exactly the same document.
  const again = loadWorkflow(serializeWorkflow(workflow));
  expect(again.workflow).toEqual(workflow);
  expect(again.warnings).toEqual([]);
}

function expectPathNamingError(error: WorkflowLoadError): void {
  expect(CODES).toContain(error.code);
  expect(error.path).toMatch(/^\$/);
  expect(error.message.length).toBeGreaterThan(0);
}

describe('loader properties', () => {
  it('the shipped templates load cleanly (the starting point of the mutations)', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(5);
    for (const t of TEMPLATES) expect(loadWorkflow(t.text).warnings, t.id).toEqual([]);
  });

  it('a mutated template gives a valid workflow or an error naming a JSON path', () => {
    fc.assert(
      fc.property(mutatedDocumentArb, ({ doc }) => {
        const result = outcome(JSON.stringify(doc));
        if (result.ok) expectValidWorkflow(result.result.workflow);
        else expectPathNamingError(result.error);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it('text cut off or corrupted anywhere is refused cleanly', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), fc.nat(), fc.string({ maxLength: 3 }), ({ text }, at, junk) => {
        const cut = at % text.length;
        for (const broken of [text.slice(0, cut), text.slice(0, cut) + junk + text.slice(cut + 1)]) {
          const result = outcome(broken);
          if (result.ok) expectValidWorkflow(result.result.workflow);
          else expectPathNamingError(result.error);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('any schemaVersion above the current one is refused as newer, at $.schemaVersion', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEMPLATES), fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER }), ({ value }, version) => {
        const result = outcome(JSON.stringify({ ...(value as object), schemaVersion: version }));
        expect(result.ok).toBe(false);
        if (!result.ok) expect([result.error.code, result.error.path]).toEqual(['newer-version', '$.schemaVersion']);
      }),
      { numRuns: 50 },
    );
  });

  it('labels and names of any length and with any characters are kept exactly (only display shortens them)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPLATES),
        fc.nat(),
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x\u0000\n'.repeat(n))),
        ({ value }, pick, label) => {
          const doc = structuredClone(value) as { name: string; nodes: Array<{ label: string }> };
          doc.nodes[pick % doc.nodes.length].label = label;
          doc.name = label;
          const { workflow } = loadWorkflow(JSON.stringify(doc));
          expect(workflow.nodes[pick % doc.nodes.length].label).toBe(label);
          expect(workflow.name).toBe(label);
          expect(loadWorkflow(serializeWorkflow(workflow)).workflow.name).toBe(label);
        },
      ),
      { numRuns: 60 },
    );
  });
});
