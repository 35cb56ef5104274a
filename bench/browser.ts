// The browser figures, all from one Chromium in one run: Flowgate's browser build served by its real
// server, and a bare React Flow page (default nodes, the same graph, the same viewport) as the
// yardstick measured in the same run.
//
// - Open 10,000 steps: navigation → start page → Open… → the file → the first view drawn (every step
//   in it rendered and measured) → a click on a step selects it; then every step drawn (placed with
//   its size, its links drawn, the steps in view measured: see canvas/useFirstView.ts). Each load in a
//   fresh browser context (empty cache and storage), 1 warm-up + 3; the bare page once, for reference.
//   Then the renderer's memory with the workflow open (and the bare page's, for reference).
// - Drag, pan and zoom at 5,000 steps: frame-to-frame times (requestAnimationFrame) while the mouse
//   drags a step, or the empty canvas, around a circle for 1.5 s, or the wheel zooms out and back in.
//   Flowgate and bare alternate, 1 warm-up + 3 gestures each. The ratio compares mean frame times
//   (total time / frames): with vsync-paced frames the median sits on 16.7 ms until a page drops
//   frames, while the mean moves with every dropped frame.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serializeWorkflow } from '../shared/model/load';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { bareGraph, buildBarePage, serveBarePage } from './browser/bare-page';
import { launchChromium } from './browser/chromium';
import { clickToSelect, openInFlowgate, startFlowgate, timeDiagramExport } from './browser/flowgate-app';
import { GESTURE_MS, RADIUS, dragNode, pan, zoom, type GestureResult } from './browser/gestures';
import { rendererMemory } from './browser/memory';
import { PROBE_SCRIPT, probe } from './browser/page-probe';
import { figure, missing, type Figure } from './lib/figures';
import { summarise } from './lib/stats';

const OPEN_NODES = 10_000;
const GESTURE_NODES = 5_000;
/** Issue 17's figure: the diagram of 1,000 steps exported in under 1 s. */
const EXPORT_NODES = 1_000;
const OPEN_FILE = `bench-${OPEN_NODES}.flowgate.json`;
const GESTURE_FILE = `bench-${GESTURE_NODES}.flowgate.json`;
const EXPORT_FILE = `bench-${EXPORT_NODES}.flowgate.json`;
const VIEWPORT = { width: 1600, height: 1000 };
const OPENS = 3;
const GESTURES = 3;
const EXPORTS = 2;
/** Generous: the bare page draws every one of 10,000 nodes, on a loaded 2-core machine. */
const TIMEOUT = 180_000;
/** A diagram export, from the toolbar click to the downloaded file. */
const EXPORT_TIMEOUT = 60_000;
/** The frame-time ratio to bare React Flow with the same nodes (issue 18). */
const FRAME_RATIO = { max: 1.3 };
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

async function openBare(page: Page, url: string, nodes: number): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await probe.waitReady(page, nodes, TIMEOUT);
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

const steps = (n: number) => n.toLocaleString('en-US');
const bareAt = (url: string, vp: { x: number; y: number; zoom: number } | null) => (vp ? `${url}?x=${vp.x}&y=${vp.y}&zoom=${vp.zoom}` : url);

export async function browserFigures(buildDir: string): Promise<Figure[]> {
  const big = generateWorkflow({ nodes: OPEN_NODES, variant: 'clean', seed: 1 });
  const mid = generateWorkflow({ nodes: GESTURE_NODES, variant: 'clean', seed: 1 });
  const small = generateWorkflow({ nodes: EXPORT_NODES, variant: 'clean', seed: 1 });
  const flowgate = await startFlowgate({ [OPEN_FILE]: serializeWorkflow(big), [GESTURE_FILE]: serializeWorkflow(mid), [EXPORT_FILE]: serializeWorkflow(small) }, buildDir);
  const bareDir = await mkdtemp(join(tmpdir(), 'flowgate-bench-bare-'));
  let browser: Browser | null = null;
  const bare: Awaited<ReturnType<typeof serveBarePage>>[] = [];
  try {
    await buildBarePage(bareDir);
    const bareBig = await serveBarePage(bareDir, bareGraph(big));
    bare.push(bareBig);
    const bareMid = await serveBarePage(bareDir, bareGraph(mid));
    bare.push(bareMid);
    browser = await launchChromium();

    // ---- open 10,000 steps, and the renderer's memory with them open ----
    const opens: { home: number; rendered: number; interactive: number; complete: number }[] = [];
    let memory: Awaited<ReturnType<typeof rendererMemory>> | null = null;
    let bigViewport: { x: number; y: number; zoom: number } | null = null;
    for (let i = 0; i <= OPENS; i++) {
      const f = await freshPage(browser);
      const t = await openInFlowgate(f.page, flowgate.url, OPEN_FILE, OPEN_NODES, TIMEOUT);
      bigViewport = (await probe.viewport(f.page)) ?? bigViewport;
      if (i === OPENS) memory = await rendererMemory(browser, f.page);
      await f.context.close();
      if (i === 0) continue; // warm-up: server, Chromium and disk caches
      opens.push(t);
    }
    const b = await freshPage(browser);
    const bareOpen = await openBare(b.page, bareAt(bareBig.url, bigViewport), OPEN_NODES);
    const bareMemory = await rendererMemory(browser, b.page);
    await b.context.close();
    const med = (xs: number[]) => summarise(xs).median;
    const interactive = med(opens.map((o) => o.interactive));

    // The workflow whose diagram is exported at the end, opened now: once the gestures below have
    // edited the 5,000-step workflow, a new page would first offer to recover that unsaved work.
    let ex: Awaited<ReturnType<typeof freshPage>> | null = null;
    let exOpenFailed: string | null = null;
    try {
      ex = await freshPage(browser);
      await openInFlowgate(ex.page, flowgate.url, EXPORT_FILE, EXPORT_NODES, TIMEOUT);
    } catch (e) {
      exOpenFailed = (e as Error).message.split('\n')[0];
      ex = null;
    }

    // ---- drag, pan and zoom at 5,000 steps, alternating between the two pages ----
    const fg = await freshPage(browser);
    await openInFlowgate(fg.page, flowgate.url, GESTURE_FILE, GESTURE_NODES, TIMEOUT);
    const bp = await freshPage(browser);
    await openBare(bp.page, bareAt(bareMid.url, await probe.viewport(fg.page)), GESTURE_NODES);
    const targets = async (page: Page, what: string) => {
      const node = await probe.pickNode(page, MARGIN);
      const pane = await probe.emptyPane(page, MARGIN);
      if (!node || !pane) throw new Error(`${what}: no ${node ? 'empty spot of the canvas' : 'node'} far enough from the edges to drag`);
      return { node, pane };
    };
    for (const page of [fg.page, bp.page]) {
      await page.bringToFront();
      await probe.settle(page, TIMEOUT);
    }
    const runs = {
      fgDrag: [] as GestureResult[],
      bareDrag: [] as GestureResult[],
      fgPan: [] as GestureResult[],
      barePan: [] as GestureResult[],
      fgZoom: [] as GestureResult[],
      bareZoom: [] as GestureResult[],
    };
    const gesture = async (page: Page, run: () => Promise<GestureResult>, into: GestureResult[] | null, what: string) => {
      await page.bringToFront();
      const r = await run();
      if (!r.moved) throw new Error(`${what} moved nothing (before ${r.seen[0]}, half-way ${r.seen[1]}): the gesture did not reach the canvas`);
      into?.push(r);
    };
    for (let i = 0; i <= GESTURES; i++) {
      const keep = i > 0; // the first round is a warm-up
      // Picked again each round: a zoom that ends a fraction off where it started moves the small
      // nodes of the bare page from under a target picked once.
      const ft = await targets(fg.page, 'Flowgate');
      const bt = await targets(bp.page, 'bare React Flow');
      await gesture(fg.page, () => dragNode(fg.page, ft.node), keep ? runs.fgDrag : null, 'Dragging a step in Flowgate');
      await gesture(bp.page, () => dragNode(bp.page, bt.node), keep ? runs.bareDrag : null, 'Dragging a node on the bare page');
      await gesture(fg.page, () => pan(fg.page, ft.pane), keep ? runs.fgPan : null, 'Panning in Flowgate');
      await gesture(bp.page, () => pan(bp.page, bt.pane), keep ? runs.barePan : null, 'Panning on the bare page');
      await gesture(fg.page, () => zoom(fg.page, ft.pane), keep ? runs.fgZoom : null, 'Zooming in Flowgate');
      await gesture(bp.page, () => zoom(bp.page, bt.pane), keep ? runs.bareZoom : null, 'Zooming on the bare page');
    }
    const fgDrag = frameStats(runs.fgDrag);
    const bareDrag = frameStats(runs.bareDrag);
    const fgPan = frameStats(runs.fgPan);
    const barePan = frameStats(runs.barePan);
    const fgZoom = frameStats(runs.fgZoom);
    const bareZoom = frameStats(runs.bareZoom);
    const gestureNote = `${GESTURES} gestures of ${GESTURE_MS / 1000} s after a warm-up, alternating with the bare page`;
    await bp.context.close();

    // ---- diagram export of 1,000 steps, from the toolbar to the downloaded file (issue 17's budget; a
    // failure here leaves the rows above measured) ----
    const exports = { svg: [] as number[], png: [] as number[] };
    const sizes = { svg: 0, png: 0 };
    let exportFailed: string | null = null;
    await fg.context.close();
    try {
      if (!ex) throw new Error(exOpenFailed ?? 'the 1,000-step workflow did not open');
      await ex.page.bringToFront();
      for (let i = 0; i <= EXPORTS; i++) {
        for (const kind of ['svg', 'png'] as const) {
          const t = await timeDiagramExport(ex.page, kind, EXPORT_TIMEOUT);
          sizes[kind] = t.bytes;
          if (i > 0) exports[kind].push(t.ms);
        }
      }
    } catch (e) {
      exportFailed = `not measured: ${(e as Error).message.split('\n')[0]}`;
    }
    const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
    const bareFrames = (s: FrameStats, what: string) => ({ what: `bare React Flow with the same ${steps(GESTURE_NODES)} nodes, ${what} (${describe(s)})`, value: s.mean, budget: FRAME_RATIO });

    return [
      figure(
        `browser.interactive.${OPEN_NODES}`,
        `Open ${steps(OPEN_NODES)} steps in the browser: interactive`,
        interactive,
        'ms',
        { max: 3_000 },
        `navigation → start page ${ms(med(opens.map((o) => o.home)))} → first view drawn ${ms(med(opens.map((o) => o.rendered)))} → a click selects a step; median of ${OPENS} fresh loads after a warm-up`,
        { what: 'bare React Flow, same graph and viewport: navigation → every node rendered → a click selects one (one load)', value: bareOpen },
      ),
      figure(
        `browser.complete.${OPEN_NODES}`,
        `Open ${steps(OPEN_NODES)} steps in the browser: every step drawn`,
        med(opens.map((o) => o.complete)),
        'ms',
        { max: 8_000 },
        'navigation → every step placed with its size and handles, its links drawn, the steps in view rendered and measured (only those stay in the page); checked: the status bar counts every step, and no step on screen was missing when the first view was declared drawn',
      ),
      figure(
        `browser.memory.${OPEN_NODES}`,
        `Renderer memory with ${steps(OPEN_NODES)} steps open`,
        memory?.residentMB ?? null,
        'MB',
        { max: 500 },
        `resident set of the page's renderer process after a garbage collection (JavaScript heap ${memory ? memory.heapMB.toFixed(0) : '?'} MB); bare React Flow with the same graph: JavaScript heap ${bareMemory.heapMB.toFixed(0)} MB`,
        bareMemory.residentMB ? { what: 'bare React Flow with the same graph, resident set', value: bareMemory.residentMB } : undefined,
      ),
      figure(`browser.drag.${GESTURE_NODES}`, `Drag a step at ${steps(GESTURE_NODES)} steps: frame time`, fgDrag.mean, 'ms', null, `mean; ${describe(fgDrag)}; ${gestureNote}; p95 ratio ${(fgDrag.p95 / bareDrag.p95).toFixed(2)}`, bareFrames(bareDrag, 'dragging a node')),
      figure(`browser.pan.${GESTURE_NODES}`, `Pan at ${steps(GESTURE_NODES)} steps: frame time`, fgPan.mean, 'ms', null, `mean; ${describe(fgPan)}; p95 ratio ${(fgPan.p95 / barePan.p95).toFixed(2)}`, bareFrames(barePan, 'panning')),
      figure(
        `browser.zoom.${GESTURE_NODES}`,
        `Zoom out and in at ${steps(GESTURE_NODES)} steps: frame time`,
        fgZoom.mean,
        'ms',
        null,
        `mean; ${describe(fgZoom)}; the wheel zooms out about 2.6-fold and back, across the zoom where steps become bare boxes; p95 ratio ${(fgZoom.p95 / bareZoom.p95).toFixed(2)}`,
        bareFrames(bareZoom, 'zooming'),
      ),
      exports.svg.length
        ? figure(`browser.export.svg.${EXPORT_NODES}`, `Export the diagram of ${steps(EXPORT_NODES)} steps as SVG`, med(exports.svg), 'ms', { max: 1_000 }, `toolbar click → the file downloaded (${kb(sizes.svg)}); median of ${EXPORTS} after a warm-up`)
        : missing(`browser.export.svg.${EXPORT_NODES}`, `Export the diagram of ${steps(EXPORT_NODES)} steps as SVG`, 'ms', { max: 1_000 }, exportFailed ?? 'not measured'),
      exports.png.length
        ? figure(`browser.export.png.${EXPORT_NODES}`, `Export the diagram of ${steps(EXPORT_NODES)} steps as PNG`, med(exports.png), 'ms', null, `toolbar click → the file downloaded (${kb(sizes.png)}); median of ${EXPORTS} after a warm-up`)
        : missing(`browser.export.png.${EXPORT_NODES}`, `Export the diagram of ${steps(EXPORT_NODES)} steps as PNG`, 'ms', null, exportFailed ?? 'not measured'),
    ];
  } finally {
    await browser?.close();
    for (const site of bare) await site.close();
    await flowgate.close();
    await rm(bareDir, { recursive: true, force: true });
  }
}

/** The rows the table shows when the browser part cannot run at all. */
export function browserMissing(why: string): Figure[] {
  return [
    missing(`browser.interactive.${OPEN_NODES}`, `Open ${steps(OPEN_NODES)} steps in the browser: interactive`, 'ms', { max: 3_000 }, why),
    missing(`browser.complete.${OPEN_NODES}`, `Open ${steps(OPEN_NODES)} steps in the browser: every step drawn`, 'ms', { max: 8_000 }, why),
    missing(`browser.memory.${OPEN_NODES}`, `Renderer memory with ${steps(OPEN_NODES)} steps open`, 'MB', { max: 500 }, why),
    missing(`browser.drag.${GESTURE_NODES}`, `Drag a step at ${steps(GESTURE_NODES)} steps: frame time`, 'ms', null, why, FRAME_RATIO),
    missing(`browser.pan.${GESTURE_NODES}`, `Pan at ${steps(GESTURE_NODES)} steps: frame time`, 'ms', null, why, FRAME_RATIO),
    missing(`browser.zoom.${GESTURE_NODES}`, `Zoom out and in at ${steps(GESTURE_NODES)} steps: frame time`, 'ms', null, why, FRAME_RATIO),
  ];
}
