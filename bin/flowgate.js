#!/usr/bin/env node
// The `flowgate` command. It runs the TypeScript sources through tsx, so `npx flowgate` works
// straight after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
