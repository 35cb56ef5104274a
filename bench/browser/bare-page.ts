// Builds bench/bare (a bare React Flow page) into a temp folder with Vite and serves it, with the
// graph to show, from a tiny static server on 127.0.0.1.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Workflow } from '../../shared/model/schema';
import type { BareGraph } from '../bare/main';

const BARE_ROOT = fileURLToPath(new URL('../bare', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

export async function buildBarePage(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: BARE_ROOT,
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    plugins: [react()],
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  });
}

/** The workflow as default nodes and plain edges (default nodes have one unnamed output). */
export function bareGraph(wf: Workflow): BareGraph {
  return {
    nodes: wf.nodes.map((n) => ({ id: n.id, label: n.label, x: n.position.x, y: n.position.y })),
    edges: wf.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

export async function serveBarePage(dir: string, graph: BareGraph): Promise<StaticSite> {
  const graphJson = JSON.stringify(graph);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (pathname === '/graph.json') {
      res.writeHead(200, { 'Content-Type': TYPES['.json'] }).end(graphJson);
      return;
    }
    const file = normalize(join(dir, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
