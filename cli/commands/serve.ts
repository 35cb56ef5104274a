// `flowgate serve`: runs the app in the browser, served from 127.0.0.1 with a per-launch token.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../../electron/backend/backend';
import { startServer } from '../../electron/server/server';
import { buildRenderer } from '../build-renderer';
import { openBrowser } from '../open-browser';
import { RESOURCES_DIR, WEB_BUILD_DIR, WEB_VITE_CONFIG, appVersion } from '../repo';
import { terminalText } from '../terminal-text';

import { listed } from './list';
import { EXIT_USAGE, type CliCommand } from '../types';

export const serve: CliCommand = {
  ...listed('serve'),
  usage: `Usage: flowgate serve [--port N] [--data-dir DIR] [--workspace DIR] [--open]

Runs Flowgate in your browser. The server listens on 127.0.0.1 only, and the address it
prints holds a secret token: only someone with that address can use it.

Options:
  --port N          Port to listen on (default 0: any free port)
  --data-dir DIR    Where recent files and settings are kept (default ~/.flowgate)
  --workspace DIR   Folder for your workflow files (default <data-dir>/workflows)
  --open            Open the address in your default browser
`,

  async run(argv, io) {
    let values;
    try {
      values = parseArgs({
        args: argv,
        options: {
          port: { type: 'string', default: '0' },
          'data-dir': { type: 'string' },
          workspace: { type: 'string' },
          open: { type: 'boolean', default: false },
          // Not in the usage text: tests point it at a prepared folder to skip the build.
          'static-dir': { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\nRun "flowgate serve --help" to see the options.\n`);
      return EXIT_USAGE;
    }
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      io.stderr.write(`--port needs a whole number from 0 to 65535, not "${values.port}".\n`);
      return EXIT_USAGE;
    }
    const dataDir = resolve(io.cwd, values['data-dir'] ?? join(homedir(), '.flowgate'));
    const workspaceDir = resolve(io.cwd, values.workspace ?? join(dataDir, 'workflows'));
    const staticDir = values['static-dir'] ? resolve(io.cwd, values['static-dir']) : WEB_BUILD_DIR;

    try {
      if (!values['static-dir'] && !existsSync(join(staticDir, 'index.html'))) {
        await buildRenderer(WEB_VITE_CONFIG, staticDir, io.stderr);
      }
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\n`);
      return 1;
    }

    const backend = await createBackend({ mode: 'browser', dataDir, workspaceDir, resourcesDir: RESOURCES_DIR, version: appVersion() });
    let server;
    try {
      server = await startServer({ backend, port, staticDir });
    } catch (e) {
      await backend.close();
      const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
      io.stderr.write(inUse ? `Port ${port} is already in use; try another one, or --port 0 for any free port.\n` : `${(e as Error).message}\n`);
      return 1;
    }

    io.stdout.write(`Flowgate is running at ${server.url}\n`);
    io.stderr.write(`Workflows are kept in ${terminalText(workspaceDir)}. Press Ctrl+C to stop.\n`);
    if (values.open) openBrowser(server.url, (message) => io.stderr.write(`${message}\n`));

    const signal = await new Promise<NodeJS.Signals>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    io.stderr.write(`Stopping Flowgate (${signal})…\n`);
    // Stop taking requests first, then let pending saves and the store finish writing.
    await server.close();
    await backend.close();
    return 0;
  },
};
