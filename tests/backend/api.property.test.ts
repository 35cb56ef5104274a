// Property tests of the backend through the API, as both transports call it (dispatch): mutated
// and random documents never crash the backend, never corrupt a stored file, and always give
// either a valid workflow or an error that names a JSON path.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract, type Envelope, type Method } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { loadWorkflow } from '../../shared/model/load';
import { workflowSchema } from '../../shared/model/schema';
import { TEMPLATES, hasForbiddenKey, mutatedDocumentArb, prototypeIsClean } from '../unit/model/mutations';
import { makeBackend } from './helpers';

const GOOD = loadWorkflow(TEMPLATES[0].text).workflow;

/** Refusals a bad document may get; anything else (internal, io) is a backend bug. */
function expectDocumentRefusal(env: Envelope<unknown>): void {
  expect(env.ok).toBe(false);
  if (env.ok) return;
  expect(['bad-request', 'invalid-workflow'], env.error.message).toContain(env.error.code);
  expect(env.error.path, env.error.message).toMatch(/^\$/);
}

async function tempFilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.tmp'));
}

describe('backend API properties', () => {
  it('workflow.save: a mutated document is saved as a valid, reopenable workflow, or refused and the good file is byte-identical', async () => {
    const t = await makeBackend();
    const target = 'target.flowgate.json';
    const file = join(t.workspaceDir, target);
    await t.ok('workflow.save', { path: target, document: GOOD });
    await fc.assert(
      fc.asyncProperty(mutatedDocumentArb, async ({ doc }) => {
        const before = await readFile(file);
        const env = await dispatch(t.backend, 'workflow.save', { path: target, document: doc });
        if (env.ok) {
          const reopened = await t.ok('workflow.open', { path: target });
          expect(workflowSchema.safeParse(reopened.document).success).toBe(true);
          expect(reopened.warnings).toEqual([]);
          expect(hasForbiddenKey(JSON.parse(await readFile(file, 'utf8')))).toBe(false);
          // Put the good document back for the next run.
          await t.ok('workflow.save', { path: target, document: GOOD });
        } else {
          expectDocumentRefusal(env);
          expect(await readFile(file)).toEqual(before);
        }
        expect(await tempFilesIn(t.workspaceDir)).toEqual([]);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('workflow.open: a mutated file opens as a valid workflow or is refused with a JSON path, and is left untouched', async () => {
    const t = await makeBackend();
    const file = join(t.workspaceDir, 'm.flowgate.json');
    await fc.assert(
      fc.asyncProperty(mutatedDocumentArb, async ({ doc }) => {
        const text = JSON.stringify(doc, null, 2);
        await writeFile(file, text);
        const env = await dispatch(t.backend, 'workflow.open', { path: 'm.flowgate.json' });
        if (env.ok) {
          const { document } = env.result as { document: unknown };
          expect(workflowSchema.safeParse(document).success).toBe(true);
          expect(hasForbiddenKey(document)).toBe(false);
        } else {
          expect(env.error.code).toBe('invalid-workflow');
          expect(env.error.path).toMatch(/^\$/);
        }
        expect(await readFile(file, 'utf8')).toBe(text);
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('journal: mutated documents are journalled or refused, and the listing only ever returns valid entries', async () => {
    const t = await makeBackend();
    await fc.assert(
      fc.asyncProperty(fc.array(mutatedDocumentArb, { minLength: 1, maxLength: 3 }), async (docs) => {
        const written = new Map<string, unknown>();
        for (const [i, { doc }] of docs.entries()) {
          const key = `s${i}`;
          const env = await dispatch(t.backend, 'journal.write', { key, path: null, document: doc });
          if (env.ok) written.set(key, doc);
          else expectDocumentRefusal(env);
        }
        const listed = await dispatch(t.backend, 'journal.list', {});
        expect(listed.ok).toBe(true);
        if (!listed.ok) return;
        const entries = listed.result as Array<{ key: string; document: unknown }>;
        expect(entries.map((e) => e.key).sort()).toEqual([...written.keys()].sort());
        for (const e of entries) expect(contract['journal.list'].result.element.safeParse(e).success).toBe(true);
        for (const key of written.keys()) await t.ok('journal.discard', { key });
      }),
      { numRuns: 40 },
    );
  });

  it('any params for any method: an envelope, never a crash, never an internal error', async () => {
    const t = await makeBackend();
    // ai.testConnection would call the configured AI server (api.openai.com by default): no test reaches the internet.
    const methods = (Object.keys(contract) as Method[]).filter((m) => !m.startsWith('dialog.') && m !== 'ai.testConnection');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methods),
        fc.oneof(
          fc.anything(),
          fc.record({ path: fc.oneof(fc.string(), fc.constantFrom('x.flowgate.json', '../x.flowgate.json', 'a/b.flowgate.json', '\u0000.flowgate.json')) }),
          mutatedDocumentArb.map(({ doc }) => ({ key: 'k', path: 'p.flowgate.json', document: doc })),
          mutatedDocumentArb.map(({ doc }) => ({ path: 'p.flowgate.json', document: doc })),
        ),
        async (method, params) => {
          const env = await dispatch(t.backend, method, params);
          if (!env.ok) expect(['bad-request', 'invalid-workflow', 'not-found', 'unavailable', 'conflict'], `${method}: ${env.error.message}`).toContain(env.error.code);
        },
      ),
      { numRuns: 150 },
    );
  });
});
