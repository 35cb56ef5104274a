// The path policy as a property: whatever path a browser-mode caller sends to any method that takes
// one — `..` in any spelling, absolute paths, symlinks out of the workspace or into .git, hidden files
// and folders, names Windows reserves, very deep paths, control characters, other file types — the
// workspace afterwards holds only workflows (valid, with their .bak) and exports, nothing outside it
// has changed, and .git is as it was.
import { readFileSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_EXTENSIONS, MAX_WORKSPACE_DEPTH, isInside, isWorkflowFileName } from '../../electron/backend/paths';
import { dispatch } from '../../shared/api/dispatch';
import { loadWorkflow } from '../../shared/model/load';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';

const GIT_CONFIG = '[core]\n\tbare = false\n';
const SECRET = 'outside the workspace';

/** Pieces a hostile path is made of. */
const segment = fc.oneof(
  fc.constantFrom('..', '.', '', '...', '.git', '.hidden', 'CON', 'nul', 'com1', 'LPT9', 'aux.md', 'team', 'a', 'door', 'gitdoor', 'gitfile.md', 'notes.md'),
  fc.constantFrom('%2e%2e', '..\\..', 'a\\..\\..', '\u0000', 'x\u001b]0;t\u0007', 'trailing.', 'trailing ', 'co:lon', 'q?', '~', '$HOME', '\u202egpj.md'),
  fc.stringMatching(/^[a-zA-Z0-9 ._-]{1,12}$/),
);
const fileName = fc.oneof(
  fc.constantFrom('x.flowgate.json', 'X.FLOWGATE.JSON', 'x.md', 'x.svg', 'x.json', 'x.bpmn', 'x.form', 'x.pdf', 'x.html', 'x.png'),
  fc.constantFrom('config', '.gitignore', 'run.sh', 'x.txt', 'package.json', 'x.flowgate.json.bak', 'x.md.', 'CON.md', 'x.md:evil', '.x.md', 'x.js'),
  fc.stringMatching(/^[a-zA-Z0-9._-]{1,20}$/),
);
const relativePath = fc.tuple(fc.array(segment, { maxLength: 12 }), fileName, fc.constantFrom('/', '\\')).map(([dirs, name, separator]) => [...dirs, name].join(separator));
/** Ordinary paths (that should mostly work), so that the property also sees writes succeed. */
const plainPath = fc.tuple(fc.array(fc.constantFrom('team', 'a', 'b'), { maxLength: 2 }), fc.constantFrom('x.flowgate.json', 'Report.md', 'diagram.svg', 'trace.json', 'process.bpmn')).map(([dirs, name]) => [...dirs, name].join('/'));
const anyPath = (outside: string) =>
  fc.oneof(
    { weight: 4, arbitrary: plainPath },
    { weight: 6, arbitrary: relativePath },
    { weight: 1, arbitrary: relativePath.map((p) => join(outside, p)) },
    { weight: 1, arbitrary: fc.constantFrom('/etc/passwd', '/tmp/x.flowgate.json', `${'deep/'.repeat(MAX_WORKSPACE_DEPTH + 3)}x.flowgate.json`, `${'d/'.repeat(2000)}x.md`) },
  );

type Call = { method: 'workflow.save' | 'file.writeText' | 'workflow.open' | 'workflow.stat' | 'journal.write'; path: string };
const callArb = (outside: string) => fc.record({ method: fc.constantFrom<Call['method']>('workflow.save', 'file.writeText', 'file.writeText', 'workflow.open', 'workflow.stat', 'journal.write'), path: anyPath(outside) });

/** Every entry below `dir`, links not followed, as paths relative to it. */
async function entries(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(path);
    if (entry.isDirectory()) out.push(...(await entries(path)));
  }
  return out;
}

describe('the browser-mode path policy', () => {
  it('keeps every write inside the workspace, to workflows and exports only, whatever the path', async () => {
    const t = await makeBackend();
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.flowgate.json'), SECRET);
    await writeFile(join(outside, 'x.md'), SECRET);
    await mkdir(join(t.workspaceDir, '.git'));
    await writeFile(join(t.workspaceDir, '.git', 'config'), GIT_CONFIG);
    await symlink(outside, join(t.workspaceDir, 'door'));
    await symlink(join(t.workspaceDir, '.git'), join(t.workspaceDir, 'gitdoor'));
    await symlink(join(t.workspaceDir, '.git', 'config'), join(t.workspaceDir, 'gitfile.md'));
    await mkdir(join(t.workspaceDir, 'team', 'a'), { recursive: true });
    const fixtures = new Set(['.git', join('.git', 'config'), 'door', 'gitdoor', 'gitfile.md']);
    const document = sampleWorkflow('Probe');
    let written = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(callArb(outside), { minLength: 1, maxLength: 6 }), async (calls) => {
        for (const { method, path } of calls) {
          const params =
            method === 'workflow.save'
              ? { path, document }
              : method === 'file.writeText'
                ? { path, content: 'export' }
                : method === 'journal.write'
                  ? { key: 'probe', path, document }
                  : { path };
          const answer = await dispatch(t.backend, method, params);
          // Refused or not, never a crash.
          if (!answer.ok) expect(['bad-request', 'not-found', 'io', 'invalid-workflow'], `${method} ${JSON.stringify(path)}: ${answer.error.message}`).toContain(answer.error.code);
          if (answer.ok && (method === 'workflow.save' || method === 'file.writeText')) {
            const file = (answer.result as { path: string }).path;
            expect(isInside(t.workspaceDir, file), `${method} ${JSON.stringify(path)} wrote ${file}`).toBe(true);
            written++;
          }
        }
        // Nothing outside changed; .git is as it was.
        expect(await readdir(outside)).toEqual(['secret.flowgate.json', 'x.md']);
        expect(await readFile(join(outside, 'secret.flowgate.json'), 'utf8')).toBe(SECRET);
        expect(await readFile(join(outside, 'x.md'), 'utf8')).toBe(SECRET);
        expect(await readdir(join(t.workspaceDir, '.git'))).toEqual(['config']);
        expect(await readFile(join(t.workspaceDir, '.git', 'config'), 'utf8')).toBe(GIT_CONFIG);
        // Everything else in the workspace is a workflow (valid) with its .bak, or an export, in a plain folder.
        for (const path of await entries(t.workspaceDir)) {
          const rel = relative(t.workspaceDir, path);
          if (fixtures.has(rel)) continue;
          const parts = rel.split(sep);
          const name = parts.at(-1)!;
          expect(parts.length - 1, rel).toBeLessThanOrEqual(MAX_WORKSPACE_DEPTH);
          expect(parts.some((p) => p.startsWith('.')), rel).toBe(false);
          const info = await lstat(path);
          if (info.isDirectory()) continue;
          expect(info.isFile(), rel).toBe(true);
          if (isWorkflowFileName(name)) expect(() => loadWorkflow(readFileSync(path, 'utf8')), rel).not.toThrow();
          else if (name.endsWith('.flowgate.json.bak')) continue;
          else expect(EXPORT_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)), rel).toBe(true);
        }
      }),
      // A fixed seed: the count of successful writes below must not depend on the draw of the day.
      { numRuns: 150, seed: 20_261_207 },
    );
    // The property saw writes succeed, not only refusals.
    expect(written).toBeGreaterThan(20);
  }, 120_000);
});
