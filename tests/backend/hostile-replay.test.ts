// The adversarial review, replayed: the categories of hostile input it threw at browser mode (over
// real HTTP on 127.0.0.1), the command line and the reports, each checked for what the review looked
// for — an escape from the workspace, a write that is not an export, a crash, markup or terminal
// control from a file, an unbounded report, a kept-open socket. Every problem found is listed; the
// list must be empty. (Crash safety and the API key have their own tests: kill-during-save and
// ai-key-leak.)
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../cli/commands/simulate';
import { startServer, type RunningServer } from '../../electron/server/server';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import { serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { reportHtml } from '../../shared/report/html';
import { reportMarkdown } from '../../shared/report/markdown';
import { rehearseScenarios } from '../../shared/report/scenarios';
import { MARKUP, TERMINAL, TERMINAL_CONTROL } from '../fixtures/hostile-text';
import { hostileWorkflow } from '../fixtures/hostile-workflow';
import { makeBackend, sampleWorkflow, tempDir } from './helpers';
import { runCli } from '../support/run-cli';

const GIT_CONFIG = '[core]\n\trepositoryformatversion = 0\n';

/** Browser mode as a user runs it: the real server over a real backend, a git repository as workspace. */
async function browserMode() {
  const t = await makeBackend();
  const outside = await tempDir();
  await writeFile(join(outside, 'secret.flowgate.json'), serializeWorkflow(sampleWorkflow('Secret')));
  await mkdir(join(t.workspaceDir, '.git'));
  await writeFile(join(t.workspaceDir, '.git', 'config'), GIT_CONFIG);
  await symlink(outside, join(t.workspaceDir, 'door'));
  await symlink(join(t.workspaceDir, '.git', 'config'), join(t.workspaceDir, 'notes.md'));
  const server: RunningServer = await startServer({ backend: t.backend, port: 0, staticDir: t.workspaceDir });
  const call = async (method: string, params: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Flowgate-Token': server.token, ...headers },
      body: typeof params === 'string' ? params : JSON.stringify(params),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string } } };
  };
  return { t, outside, server, call };
}

const cli = (args: string[], cwd: string) => runCli(args, { cwd });

describe('the hostile inputs of the adversarial review, replayed', () => {
  it('find nothing in browser mode', async () => {
    const { t, outside, server, call } = await browserMode();
    const found: string[] = [];
    const refused = async (what: string, method: string, params: unknown) => {
      const { status, body } = await call(method, params);
      if (status !== 200 || body.ok) found.push(`${what}: ${method} ${JSON.stringify(params).slice(0, 80)} was not refused (${status})`);
    };
    const document = sampleWorkflow('Hostile');
    // Escapes from the workspace.
    for (const path of ['../x.flowgate.json', '..\\..\\x.flowgate.json', '/etc/x.flowgate.json', 'door/secret.flowgate.json', 'door/x.md', join(outside, 'x.md'), 'a/../../x.md', '%2e%2e/x.md']) {
      await refused('escape', path.endsWith('.md') ? 'file.writeText' : 'workflow.save', path.endsWith('.md') ? { path, content: 'x' } : { path, document });
    }
    // Writes that are not exports.
    for (const path of ['.git/config', '.gitignore', 'notes.md', 'x.flowgate.json', 'run.sh', 'package.json', 'x.md.', 'x.md:stream', '.vscode/settings.json']) {
      await refused('non-export write', 'file.writeText', { path, content: '[core]\n\tfsmonitor = "touch /tmp/pwned"\n' });
    }
    // Names and depth.
    for (const path of ['CON.flowgate.json', 'nul.md', 'com1/x.flowgate.json', `${'a/'.repeat(2000)}x.flowgate.json`]) {
      await refused('name', path.endsWith('.md') ? 'file.writeText' : 'workflow.save', path.endsWith('.md') ? { path, content: 'x' } : { path, document });
    }
    // Prototype pollution and broken bodies.
    await call('settings.update', '{"__proto__":{"polluted":true},"theme":"dark"}');
    await call('workflow.save', JSON.stringify({ path: 'p.flowgate.json', document: { ...document, constructor: { prototype: { polluted: true } } } }));
    if (({} as Record<string, unknown>).polluted !== undefined) found.push('prototype polluted');
    for (const body of ['{', '[]', 'null', '"x"', '{"path":{"__proto__":1}}']) {
      const { status } = await call('workflow.open', body);
      if (status >= 500) found.push(`broken body ${body}: ${status}`);
    }
    // Callers without the token are answered and let go at once.
    const socket = connect(server.port, '127.0.0.1');
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', () => undefined);
    socket.write(`POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 1000000\r\nConnection: keep-alive\r\n\r\n`);
    const drip = setInterval(() => socket.writable && socket.write(' '.repeat(1000)), 50);
    const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open after 10 s'), 10_000))]);
    clearInterval(drip);
    socket.destroy();
    if (outcome !== 'closed') found.push(`an unauthenticated upload was ${outcome}`);

    // Still serving, and the workspace holds only what Flowgate may write.
    if ((await call('app.info', {})).status !== 200) found.push('the server stopped answering');
    if ((await readFile(join(t.workspaceDir, '.git', 'config'), 'utf8')) !== GIT_CONFIG) found.push('.git/config changed');
    if ((await readdir(outside)).join() !== 'secret.flowgate.json') found.push('a file appeared outside the workspace');
    for (const name of await readdir(t.workspaceDir, { recursive: true })) {
      const rel = relative(t.workspaceDir, join(t.workspaceDir, name));
      // The fixtures (and what the link to the outside folder shows, checked above) are not Flowgate's writes.
      if (['.git', join('.git', 'config'), 'door', 'notes.md'].includes(rel) || rel.startsWith(join('door', '')) || (await lstat(join(t.workspaceDir, rel))).isDirectory()) continue;
      if (!/^[^.][^/]*\.(flowgate\.json|flowgate\.json\.bak)$/.test(rel)) found.push(`unexpected file in the workspace: ${rel}`);
    }
    await server.close();
    expect(found).toEqual([]);
  }, 60_000);

  it('find nothing on the command line or in the reports', async () => {
    const dir = await tempDir();
    const found: string[] = [];
    const sample = loadSampleData();
    // Terminal control and fake lines, every command.
    for (const [k, texts] of [TERMINAL, MARKUP].entries()) {
      const file = join(dir, `hostile-${k}.flowgate.json`);
      const wf = hostileWorkflow(texts, k);
      await writeFile(file, serializeWorkflow(wf));
      for (const args of [['lint', file], ['simulate', file, '--scenario', 'rejected'], ['simulate', file, '--runs', '20'], ['report', file, '--date', 'none'], ['lint', file, '--format', 'json']]) {
        const { text } = await cli(args, dir);
        const bad = TERMINAL_CONTROL.exec(text);
        if (bad) found.push(`${args.slice(0, 1).concat(args.slice(2)).join(' ')}: control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
      }
      // Markup from a file in a Markdown report.
      const { rehearsals, problem } = rehearseScenarios(wf, sample, 1);
      const tokens: Token[] = [];
      marked.walkTokens(marked.lexer(reportMarkdown({ workflow: wf, scenarios: rehearsals, scenarioProblem: problem })), (t) => void tokens.push(t));
      for (const t of tokens) if (t.type === 'html' || t.type === 'link' || (t.type === 'image' && !t.raw.includes('data:image/svg+xml'))) found.push(`report markup: ${t.type} ${t.raw.slice(0, 60)}`);
    }
    // Output amplification: a 15 MB workflow, a small report.
    const big: Workflow = {
      ...blankWorkflow('big', 'Big'),
      nodes: Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, kind: i === 0 ? 'intake' : 'end', label: `${'L'.repeat(375_000)}${i}`, position: { x: i * 260, y: 0 }, config: i === 0 ? { source: 'manual', fields: [] } : { outcome: 'resolved' } })),
    } as Workflow;
    const html = reportHtml({ workflow: big });
    if (html.length > 10 * 1024 * 1024) found.push(`a ${(serializeWorkflow(big).length / 1e6).toFixed(0)} MB workflow gave a ${(html.length / 1e6).toFixed(0)} MB report`);
    if (!html.includes('What this report leaves out')) found.push('the report does not say what it cut');
    expect(found).toEqual([]);
  }, 120_000);
});
