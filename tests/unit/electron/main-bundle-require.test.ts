// electron-vite's ES module build of the main process declares `const require` at the top of the bundle
// (its CommonJS shim). A module of the main process or the backend that declares its own top-level
// `require` ends up in the same scope and the bundle no longer loads ("Identifier 'require' has
// already been declared"): name a createRequire() result anything else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('the main-process bundle', () => {
  it('no module bundled into it declares a top-level `require`', () => {
    const files = [...sources('electron'), ...sources('shared')];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => /^(?:export\s+)?(?:const|let|var|function)\s+require\b/m.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
