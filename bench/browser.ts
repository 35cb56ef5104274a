// The browser figures, all from one Chromium in one run: Flowgate's browser build served by its real
// server with a 1,000-step workflow, and a bare React Flow page (default nodes, the same graph, the
// same viewport) as the yardstick.
//
// - Open: navigation → start page → Open… → the file → the first view drawn (every step in it rendered
//   and measured) → a click on a node selects it; then, untimed for the budget, every step drawn. Each
//   load in a fresh browser context (empty cache and storage), 1 warm-up + 3.
// - Drag and pan: frame-to-frame times (requestAnimationFrame) while the mouse drags a node, or the
//   empty canvas, around a circle for 1.5 s. Flowgate and bare alternate, 1 warm-up + 3 gestures each.
//   The ratio compares mean frame times (total time / frames): with vsync-paced frames the median
//   sits on 16.7 ms until a page drops frames, while the mean moves with every dropped frame.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serializeWorkflow } from '../shared/model/load';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { bareGraph, buildBarePage, serveBarePage } from './browser/bare-page';
import { launchChromium } from './browser/chromium';
import { clickToSelect, openInFlowgate, startFlowgate, timeDiagramExport } from './browser/flowgate-app';
import { GESTURE_MS, RADIUS, dragNode, pan, type GestureResult } from './browser/gestures';
import { PROBE_SCRIPT, probe } from './browser/page-probe';
import { figure, missing, type Figure } from './lib/figures';
import { summarise } from './lib/stats';

const NODES = 1_000;
const VIEWPORT = { width: 1600, height: 1000 };
const OPENS = 3;
const GESTURES = 3;
const EXPORTS = 3;
const TIMEOUT = 30_000;
const SETTLE_MS = 1_000;
/** Keeps the dragged node and the pointer on the canvas, away from the minimap and the controls. */
const MARGIN = RADIUS * 2 + 40;

async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = await context.newPage();
  // A page error can make the figures after it meaningless: say so where the table is read.
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  // A new window starts Chromium's own UI pages (the omnibox popup's WebUI renderer) for half a
  // second of CPU; let that finish so it is not timed as part of the page under test.
  await page.waitForTimeout(SETTLE_MS);
  return { context, page };
}

async function openBare(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await probe.waitReady(page, NODES, TIMEOUT);
  await clickToSelect(page, TIMEOUT);
  return performance.now() - t0;
}

interface FrameStats {
  median: number;
  p95: number;
  mean: number;
  frames: number;
  moves: number;
}

function frameStats(results: GestureResult[]): FrameStats {
  const all = results.flatMap((r) => r.frames);
  const s = summarise(all);
  const sorted = [...all].sort((a, b) => a - b);
  return {
    median: s.median,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))],
    mean: all.reduce((a, b) => a + b, 0) / all.length,
    frames: all.length,
    moves: results.reduce((a, r) => a + r.moves, 0),
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const describe = (s: FrameStats) => `median ${ms(s.median)}, p95 ${ms(s.p95)}, ${s.frames} frames for ${s.moves} pointer moves`;

export async function browserFigures(buildDir: string): Promise<Figure[]> {
  const wf = generateWorkflow({ nodes: NODES, variant: 'clean', seed: 1 });
  const flowgate = await startFlowgate(serializeWorkflow(wf), buildDir);
  const bareDir = await mkdtemp(join(tmpdir(), 'flowgate-bench-bare-'));
  let browser: Browser | null = null;
  let bare: Awaited<ReturnType<typeof serveBarePage>> | null = null;
  try {
    await buildBarePage(bareDir);
    bare = await serveBarePage(bareDir, bareGraph(wf));
    browser = await launchChromium();

    // ---- open ----
    const opens: { home: number; rendered: number; interactive: number; complete: number }[] = [];
    const bareOpens: number[] = [];
    let bareUrl = bare.url;
    for (let i = 0; i <= OPENS; i++) {
      const f = await freshPage(browser);
      const t = await openInFlowgate(f.page, flowgate.url, NODES, TIMEOUT);
      const vp = await probe.viewport(f.page);
      if (vp) bareUrl = `${bare.url}?x=${vp.x}&y=${vp.y}&zoom=${vp.zoom}`;
      await f.context.close();
      const b = await freshPage(browser);
      const bt = await openBare(b.page, bareUrl);
      await b.context.close();
      if (i === 0) continue; // warm-up: server, Chromium and disk caches
      opens.push(t);
      bareOpens.push(bt);
    }
    const med = (xs: number[]) => summarise(xs).median;
    const interactive = med(opens.map((o) => o.interactive));

    // ---- drag and pan, alternating between the two pages ----
    const fg = await freshPage(browser);
    await openInFlowgate(fg.page, flowgate.url, NODES, TIMEOUT);
    const bp = await freshPage(browser);
    await openBare(bp.page, bareUrl);
    const targets = async (page: Page, what: string) => {
      const node = await probe.pickNode(page, MARGIN);
      const pane = await probe.emptyPane(page, MARGIN);
      if (!node || !pane) throw new Error(`${what}: no ${node ? 'empty spot of the canvas' : 'node'} far enough from the edges to drag`);
      return { node, pane };
    };
    const ft = await targets(fg.page, 'Flowgate');
    const bt = await targets(bp.page, 'bare React Flow');
    const runs = { fgDrag: [] as GestureResult[], bareDrag: [] as GestureResult[], fgPan: [] as GestureResult[], barePan: [] as GestureResult[] };
    const gesture = async (page: Page, run: () => Promise<GestureResult>, into: GestureResult[] | null, what: string) => {
      await page.bringToFront();
      const r = await run();
      if (!r.moved) throw new Error(`${what} moved nothing (before ${r.seen[0]}, half-way ${r.seen[1]}): the gesture did not reach the canvas`);
      into?.push(r);
    };
    for (let i = 0; i <= GESTURES; i++) {
      const keep = i > 0; // the first round is a warm-up
      await gesture(fg.page, () => dragNode(fg.page, ft.node), keep ? runs.fgDrag : null, 'Dragging a node in Flowgate');
      await gesture(bp.page, () => dragNode(bp.page, bt.node), keep ? runs.bareDrag : null, 'Dragging a node on the bare page');
      await gesture(fg.page, () => pan(fg.page, ft.pane), keep ? runs.fgPan : null, 'Panning in Flowgate');
      await gesture(bp.page, () => pan(bp.page, bt.pane), keep ? runs.barePan : null, 'Panning on the bare page');
    }
    const fgDrag = frameStats(runs.fgDrag);
    const bareDrag = frameStats(runs.bareDrag);
    const fgPan = frameStats(runs.fgPan);
    const barePan = frameStats(runs.barePan);
    const gestureNote = `${GESTURES} gestures of ${GESTURE_MS / 1000} s after a warm-up`;

    // ---- diagram export, from the toolbar to the downloaded file ----
    const exports = { svg: [] as number[], png: [] as number[] };
    const sizes = { svg: 0, png: 0 };
    await fg.page.bringToFront();
    for (let i = 0; i <= EXPORTS; i++) {
      for (const kind of ['svg', 'png'] as const) {
        const t = await timeDiagramExport(fg.page, kind, TIMEOUT);
        sizes[kind] = t.bytes;
        if (i > 0) exports[kind].push(t.ms);
      }
    }
    const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

    return [
      figure(
        'browser.interactive.1000',
        'Open 1,000 steps in the browser: interactive',
        interactive,
        'ms',
        { max: 1_500 },
        `navigation → start page ${ms(med(opens.map((o) => o.home)))} → first view drawn ${ms(med(opens.map((o) => o.rendered)))} → a click selects a node; median of ${OPENS} fresh loads after a warm-up`,
      ),
      figure(
        'browser.complete.1000',
        'Open 1,000 steps in the browser: every step drawn',
        med(opens.map((o) => o.complete)),
        'ms',
        null,
        'navigation → every step rendered and measured, the steps out of view drawn after the first view (then only the steps in view stay in the page); checked: the status bar counts every step, and no step on screen was missing when the first view was declared drawn',
      ),
      figure('browser.bare.interactive.1000', 'Bare React Flow, same graph: interactive', med(bareOpens), 'ms', null, `navigation → all nodes rendered → a click selects a node; median of ${OPENS}`),
      figure('browser.drag.flowgate', 'Drag a node at 1,000 steps: Flowgate frame time', fgDrag.mean, 'ms', null, `mean; ${describe(fgDrag)}; ${gestureNote}`),
      figure('browser.drag.bare', 'Drag a node at 1,000 steps: bare React Flow frame time', bareDrag.mean, 'ms', null, `mean; ${describe(bareDrag)}`),
      figure('browser.drag.ratio', 'Drag frame-time ratio, Flowgate / bare', fgDrag.mean / bareDrag.mean, '×', { max: 1.3 }, `mean frame times; p95 ratio ${(fgDrag.p95 / bareDrag.p95).toFixed(2)}`),
      figure('browser.pan.flowgate', 'Pan at 1,000 steps: Flowgate frame time', fgPan.mean, 'ms', null, `mean; ${describe(fgPan)}`),
      figure('browser.pan.bare', 'Pan at 1,000 steps: bare React Flow frame time', barePan.mean, 'ms', null, `mean; ${describe(barePan)}`),
      figure('browser.export.svg.1000', 'Export the diagram of 1,000 steps as SVG', med(exports.svg), 'ms', { max: 1_000 }, `toolbar click → the file downloaded (${kb(sizes.svg)}); median of ${EXPORTS} after a warm-up`),
      figure('browser.export.png.1000', 'Export the diagram of 1,000 steps as PNG', med(exports.png), 'ms', null, `toolbar click → the file downloaded (${kb(sizes.png)}); median of ${EXPORTS} after a warm-up`),
      figure('browser.pan.ratio', 'Pan frame-time ratio, Flowgate / bare', fgPan.mean / barePan.mean, '×', null, `mean frame times; p95 ratio ${(fgPan.p95 / barePan.p95).toFixed(2)}`),
    ];
  } finally {
    await browser?.close();
    await bare?.close();
    await flowgate.close();
    await rm(bareDir, { recursive: true, force: true });
  }
}

/** The rows the table shows when the browser part cannot run at all. */
export function browserMissing(why: string): Figure[] {
  return [
    missing('browser.interactive.1000', 'Open 1,000 steps in the browser: interactive', 'ms', { max: 1_500 }, why),
    missing('browser.drag.ratio', 'Drag frame-time ratio, Flowgate / bare', '×', { max: 1.3 }, why),
    missing('browser.pan.ratio', 'Pan frame-time ratio, Flowgate / bare', '×', null, why),
    missing('browser.export.svg.1000', 'Export the diagram of 1,000 steps as SVG', 'ms', { max: 1_000 }, why),
  ];
}
