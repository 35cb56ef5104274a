// Shared setup for backend tests: real temp folders, a small valid workflow, a backend over them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Envelope, Method, Params, Result } from '../../shared/api/contract';
import { dispatch } from '../../shared/api/dispatch';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import type { Workflow } from '../../shared/model/schema';
import { createBackend } from '../../electron/backend/backend';
import type { Backend, BackendOptions } from '../../electron/backend/types';

const created: string[] = [];
const backends: Backend[] = [];

afterEach(async () => {
  await Promise.all(backends.splice(0).map((b) => b.close()));
  await Promise.all(created.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'flowgate-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function sampleWorkflow(name = 'Refund requests', id = 'wf-1'): Workflow {
  return {
    ...blankWorkflow(id, name),
    nodes: [
      { id: 'n1', kind: 'intake', label: 'New request', position: { x: 0, y: 0 }, config: { source: 'form', fields: ['subject'] } },
      { id: 'n2', kind: 'end', label: 'Done', position: { x: 200, y: 0 }, config: { outcome: 'resolved' } },
    ],
    edges: [{ id: 'e1', source: 'n1', sourceHandle: 'out', target: 'n2' }],
  };
}

export interface TestBackend {
  backend: Backend;
  dataDir: string;
  workspaceDir: string;
  resourcesDir: string;
  /** Calls a method the way both transports do: validated against the contract, wrapped in an envelope. */
  call<M extends Method>(method: M, params: Params<M>): Promise<Envelope<unknown>>;
  /** Like call, but returns the result and fails the test on an error envelope. */
  ok<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
}

export async function makeBackend(overrides: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const root = await tempDir();
  const options: BackendOptions = {
    mode: 'browser',
    dataDir: join(root, 'data'),
    workspaceDir: join(root, 'workspace'),
    resourcesDir: join(root, 'resources'),
    version: '9.9.9-test',
    ...overrides,
  };
  const backend = await createBackend(options);
  backends.push(backend);
  const call = <M extends Method>(method: M, params: Params<M>) => dispatch(backend, method, params);
  return {
    backend,
    dataDir: options.dataDir,
    workspaceDir: options.workspaceDir,
    resourcesDir: options.resourcesDir,
    call,
    async ok<M extends Method>(method: M, params: Params<M>) {
      const env = await call(method, params);
      if (!env.ok) throw new Error(`${method} failed: ${env.error.code}: ${env.error.message}`);
      return env.result as Result<M>;
    },
  };
}
