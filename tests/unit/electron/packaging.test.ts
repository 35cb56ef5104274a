// electron-builder.yml is checked the way electron-builder checks it (its own JSON schema, ajv with
// its options), and every file or folder it names must exist. The build config must keep the
// preload a single CommonJS file, which a sandboxed preload requires.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import electronViteConfig from '../../../electron.vite.config';

const root = path.resolve(import.meta.dirname, '../../..');
interface BuilderConfig {
  productName: string;
  files: string[];
  directories: { buildResources: string };
  extraResources: { from: string; to: string }[];
  fileAssociations: Record<string, unknown>[];
  linux: { target: string[]; icon: string } & Record<string, unknown>;
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  electronFuses?: Record<string, boolean>;
  asar?: boolean;
}
interface BuildSection {
  root?: string;
  build: { outDir: string; externalizeDeps?: boolean; rollupOptions: { output?: Record<string, unknown> } };
}

const builderConfig = load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'), { filename: 'electron-builder.yml' }) as BuilderConfig;
const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile(schema);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii'), file).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it("matches electron-builder's configuration schema", () => {
    const ok = validate(structuredClone(builderConfig));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is checked strictly enough to catch a mistake', () => {
    expect(validate({ ...builderConfig, linux: { ...builderConfig.linux, targets: ['deb'] } })).toBe(false);
    expect(validate({ ...builderConfig, fileAssociations: [{ extension: 'flowgate.json' }] })).toBe(false);
  });

  it('builds the promised installers and associates *.flowgate.json', () => {
    expect(builderConfig.productName).toBe('Flowgate');
    expect(builderConfig.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(builderConfig.mac.target).toContain('dmg');
    expect(builderConfig.win.target).toContain('nsis');
    expect(builderConfig.fileAssociations).toEqual([expect.objectContaining({ ext: 'flowgate.json', name: 'Flowgate workflow', role: 'Editor' })]);
    expect(builderConfig.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
  });

  it('flips the Electron fuses that lock the packaged app down', () => {
    // Names checked against electron-builder's own schema above (FuseOptionsV1 allows no others).
    expect(builderConfig.electronFuses).toEqual({
      // No ELECTRON_RUN_AS_NODE: the app binary cannot be used as a plain Node.js to run other code.
      runAsNode: false,
      // No NODE_OPTIONS / NODE_EXTRA_CA_CERTS, no --inspect: nothing from outside reaches the main process.
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // The app is loaded from app.asar only, and its integrity is checked (macOS, Windows).
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // The renderer comes from app://, so file:// pages need no extra powers.
      grantFileProtocolExtraPrivileges: false,
    });
    expect(builderConfig.asar ?? true).toBe(true);
    const fuses = schema.definitions.FuseOptionsV1;
    expect(fuses.additionalProperties).toBe(false);
    for (const name of Object.keys(builderConfig.electronFuses ?? {})) expect(Object.keys(fuses.properties), name).toContain(name);
  });

  it('names only files and folders that exist', () => {
    const named = [
      builderConfig.directories.buildResources,
      builderConfig.linux.icon,
      builderConfig.mac.icon,
      builderConfig.win.icon,
      ...builderConfig.extraResources.map((r) => r.from),
    ];
    for (const p of named) expect(fs.existsSync(path.join(root, p)), p).toBe(true);
  });

  it('has a Linux icon set whose file names match their pixel sizes, and icons big enough for macOS and Windows', () => {
    const dir = path.join(root, builderConfig.linux.icon);
    const pngs = fs.readdirSync(dir).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(pngs.length).toBeGreaterThanOrEqual(8);
    for (const f of pngs) {
      const [w, h] = f.replace('.png', '').split('x').map(Number);
      expect(pngSize(path.join(dir, f)), f).toEqual([w, h]);
    }
    expect(pngSize(path.join(dir, '1024x1024.png'))).toEqual([1024, 1024]);
    const icns = fs.readFileSync(path.join(root, builderConfig.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = fs.readFileSync(path.join(root, builderConfig.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    // Width byte 0 means 256 px, the size Windows needs for large icons.
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(widths).toContain(256);
  });
});

describe('electron.vite.config.ts', () => {
  const config = electronViteConfig as unknown as Record<'main' | 'preload' | 'renderer', BuildSection>;

  it('builds the preload as one self-contained CommonJS file, where the main window looks for it', () => {
    const build = config.preload.build;
    expect(build.rollupOptions.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false });
    expect(build.externalizeDeps).toBe(false);
    expect(path.relative(root, build.outDir)).toBe(path.join('out', 'preload'));
  });

  it('builds main and renderer into out/, which package.json and electron-builder ship', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(path.relative(root, config.main.build.outDir)).toBe(path.join('out', 'main'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(path.relative(root, config.renderer.build.outDir)).toBe(path.join('out', 'renderer'));
    expect(path.relative(root, config.renderer.root!)).toBe('renderer');
  });
});
