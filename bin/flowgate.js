#!/usr/bin/env node
// The `flowgate` command. It runs the built command line in out/cli/ (vite.cli.config.ts), which
// `npm install` makes through the package's `prepare` script: no TypeScript compiler at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('The flowgate command has not been built yet. Run "npm run build:cli" in the Flowgate folder (npm install does it too).\n');
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
