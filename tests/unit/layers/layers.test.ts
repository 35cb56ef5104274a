// The layer rules of docs/ARCHITECTURE.md fail the build when broken: the lint config refuses an
// import across them, and each layer's TypeScript project refuses the platform it must not use.
// Shown on deliberate violations in a temporary copy of the layout, run through the real oxlint and
// tsc with the repository's own configuration.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-layers-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

interface LintReport {
  diagnostics: { code: string; filename: string; labels: { span: { line: number } }[] }[];
}

/** Lints `files` laid out as in the repository, with the repository's .oxlintrc.json. */
function lint(files: Record<string, string>): { file: string; line: number; code: string }[] {
  const dir = tree(files);
  copyFileSync(join(root, '.oxlintrc.json'), join(dir, '.oxlintrc.json'));
  const run = spawnSync(bin('oxlint'), ['-c', '.oxlintrc.json', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as LintReport;
  return report.diagnostics
    .map((d) => ({ file: d.filename.replace(/\\/g, '/'), line: d.labels[0]?.span.line ?? 0, code: d.code }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const RESTRICTED = 'eslint(no-restricted-imports)';
const NODE_MODULE = 'import(no-nodejs-modules)';

describe('the lint rules of the layers', () => {
  it('refuse Electron, React, Node and every other layer in shared/, also in a folder added later', () => {
    const found = lint({
      'shared/interchange/bpmn/export.ts': [
        "import { app } from 'electron';",
        "import { useState } from 'react';",
        "import { readFileSync } from 'node:fs';",
        "import { client } from '../../../renderer/src/client/index';",
        "import { save } from '../../../electron/backend/workflow-files';",
        "import { ReactFlow } from '@xyflow/react';",
        "import { analyze } from '../../analysis/analyze';",
        'export const all = [app, useState, readFileSync, client, save, ReactFlow, analyze];',
        "export const later = () => import('../../../renderer/src/App');",
      ].join('\n'),
    });
    expect(found).toEqual([
      { file: 'shared/interchange/bpmn/export.ts', line: 1, code: RESTRICTED },
      { file: 'shared/interchange/bpmn/export.ts', line: 2, code: RESTRICTED },
      { file: 'shared/interchange/bpmn/export.ts', line: 3, code: NODE_MODULE },
      { file: 'shared/interchange/bpmn/export.ts', line: 4, code: RESTRICTED },
      { file: 'shared/interchange/bpmn/export.ts', line: 5, code: RESTRICTED },
      { file: 'shared/interchange/bpmn/export.ts', line: 6, code: RESTRICTED },
      { file: 'shared/interchange/bpmn/export.ts', line: 9, code: RESTRICTED },
    ]);
  });

  it('let only electron/main and electron/preload import electron', () => {
    const found = lint({
      'electron/main/window.ts': "import { BrowserWindow } from 'electron';\nexport const w = BrowserWindow;",
      'electron/preload/index.ts': "import { contextBridge } from 'electron';\nexport const b = contextBridge;",
      'electron/backend/interchange/files.ts': "import { app } from 'electron';\nexport const a = app;",
      'electron/server/server.ts': "import { app } from 'electron';\nexport const a = app;",
      'cli/commands/conform.ts': "import { app } from 'electron';\nexport const a = app;",
      'renderer/src/App.tsx': "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;",
    });
    expect(found).toEqual([
      { file: 'cli/commands/conform.ts', line: 1, code: RESTRICTED },
      { file: 'electron/backend/interchange/files.ts', line: 1, code: RESTRICTED },
      { file: 'electron/server/server.ts', line: 1, code: RESTRICTED },
      { file: 'renderer/src/App.tsx', line: 1, code: RESTRICTED },
    ]);
  });

  it('keep React in renderer/ and the renderer away from Node and the backend', () => {
    const found = lint({
      'renderer/src/panels/Inspector.tsx': [
        "import { useState } from 'react';",
        "import { analyze } from '../../../shared/analysis/analyze';",
        "import { join } from 'node:path';",
        "import { createBackend } from '../../../electron/backend/backend';",
        'export const all = [useState, analyze, join, createBackend];',
      ].join('\n'),
      'electron/backend/report.ts': "import { renderToString } from 'react-dom/server';\nexport const r = renderToString;",
      'cli/commands/export.ts': "import { Inspector } from '../../renderer/src/panels/Inspector';\nimport { menu } from '../../electron/main/menu';\nexport const all = [Inspector, menu];",
      'electron/main/menu.ts': "import { createElement } from 'react';\nexport const menu = createElement;",
    });
    expect(found).toEqual([
      { file: 'cli/commands/export.ts', line: 1, code: RESTRICTED },
      { file: 'cli/commands/export.ts', line: 2, code: RESTRICTED },
      { file: 'electron/backend/report.ts', line: 1, code: RESTRICTED },
      { file: 'electron/main/menu.ts', line: 1, code: RESTRICTED },
      { file: 'renderer/src/panels/Inspector.tsx', line: 3, code: NODE_MODULE },
      { file: 'renderer/src/panels/Inspector.tsx', line: 4, code: RESTRICTED },
    ]);
  });

  it('pass on the repository as it is', () => {
    const run = spawnSync(bin('oxlint'), ['-c', '.oxlintrc.json', '--deny-warnings', 'shared', 'electron', 'renderer', 'cli', 'tests'], { cwd: root, encoding: 'utf8' });
    expect(run.stdout).toContain('Found 0 warnings and 0 errors.');
    expect(run.status).toBe(0);
  });
});

/** Type-checks `text` as a file of the layer whose project is `project`, with that project's settings. */
function typecheck(project: string, fileName: string, text: string): string[] {
  const dir = tree({ [fileName]: text });
  const config = {
    extends: join(root, project),
    // typeRoots: a folder outside the repository would not find node_modules/@types on its own.
    compilerOptions: { rootDir: dir, typeRoots: [join(root, 'node_modules', '@types')], noEmit: true, composite: false, emitDeclarationOnly: false, incremental: false, tsBuildInfoFile: null },
    include: [join(dir, fileName)],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const run = spawnSync(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  return [...run.stdout.matchAll(/error (TS\d+): Cannot find name '([^']+)'/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe('the TypeScript project of each layer', () => {
  const usesEverything = "export const used = [document.title, window.location, process.env, Buffer.from('x'), new URL('http://a'), structuredClone({})];\n";

  it('shared/ has the language, URL and structuredClone: no DOM, no Node', () => {
    // tsconfig.shared.json declares URL and structuredClone in shared/globals.d.ts: include it.
    const found = typecheck('tsconfig.shared.json', 'shared/x.ts', `/// <reference path="${join(root, 'shared/globals.d.ts')}" />\n${usesEverything}`);
    expect(found).toEqual(['TS2584 document', 'TS2304 window', 'TS2591 process', 'TS2591 Buffer']);
  });

  it('the renderer has the DOM and no Node', () => {
    expect(typecheck('tsconfig.renderer.json', 'renderer/x.ts', usesEverything)).toEqual(['TS2591 process', 'TS2591 Buffer']);
  });

  it('the backend, the server and the CLI have Node and no DOM', () => {
    expect(typecheck('tsconfig.node.json', 'cli/x.ts', usesEverything)).toEqual(['TS2584 document', 'TS2304 window']);
  });
});
