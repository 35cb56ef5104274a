// Dragging a node, panning and zooming the canvas with the real mouse (CDP input events), while the page
// records its frame times. The pointer moves like a hand: one move every 16 ms along a circle, so
// the page gets at most one position per display frame, as from a 60 Hz mouse.
import type { Page } from 'playwright-core';
import { probe, type Point } from './page-probe';

export const GESTURE_MS = 1_500;
const MOVE_EVERY_MS = 16;
/** Circle radius in CSS px: large enough to cross many nodes, small enough to stay on the canvas. */
export const RADIUS = 70;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface GestureResult {
  /** Frame-to-frame times (ms) recorded while the button was down. */
  frames: number[];
  moves: number;
  /** Whether what should move (the node, or the viewport) moved. */
  moved: boolean;
  /** What look() saw before and half-way, for the error message when nothing moved. */
  seen: [string, string | null];
}

/**
 * Presses at `from`, moves around a circle for GESTURE_MS, releases. `look()` is read before and at
 * half-time (outside the timed part as far as the page can tell: it is one evaluate round trip).
 */
async function circle(page: Page, from: Point, look: () => Promise<unknown>): Promise<GestureResult> {
  const before = JSON.stringify(await look());
  await page.mouse.move(from.x, from.y);
  await probe.start(page);
  await page.mouse.down();
  const start = performance.now();
  let moves = 0;
  let midway: string | null = null;
  for (;;) {
    const t = performance.now() - start;
    if (t >= GESTURE_MS) break;
    const angle = (t / GESTURE_MS) * 2 * Math.PI;
    // Starts at `from` and comes back to it.
    await page.mouse.move(from.x + RADIUS * Math.sin(angle), from.y - RADIUS * (1 - Math.cos(angle)));
    moves++;
    // Read at half-time, and again on later moves while nothing has moved yet: a page of thousands of
    // nodes may take most of a second to show the first move.
    if (t >= GESTURE_MS / 2 && (midway === null || midway === before)) midway = JSON.stringify(await look());
    const wait = start + moves * MOVE_EVERY_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  if (midway === null || midway === before) {
    // Still nothing: let the page finish the moves it has, then look once more (still off the start).
    await probe.settle(page, 60_000).catch(() => undefined);
    midway = JSON.stringify(await look());
  }
  // Back to the exact start, so the next gesture finds the node (or the empty spot) where it was.
  await page.mouse.move(from.x, from.y);
  await page.mouse.up();
  const frames = await probe.stop(page);
  return { frames, moves, moved: midway !== null && midway !== before, seen: [before, midway] };
}

export function dragNode(page: Page, node: Point & { id: string }): Promise<GestureResult> {
  return circle(page, node, () => probe.nodeTransform(page, node.id));
}

export function pan(page: Page, at: Point): Promise<GestureResult> {
  return circle(page, at, () => probe.viewport(page));
}

/**
 * Wheel distance per move: over half a gesture, about a 2.6-fold zoom out (React Flow zooms
 * 2^(-0.002 × deltaY) per event), from the first view's 40 % to about 15 %: never down to the minimum
 * zoom (10 %), where the zoom would stop and the way back in would not end where it started.
 */
const WHEEL_STEP = 15;

/**
 * Zooms out with the mouse wheel at `at` for half of GESTURE_MS, then back in by as much, one wheel
 * event every 16 ms, so the view ends where it started (up to rounding: the bench picks its targets
 * again before each round). From the first view's 40 % this crosses the
 * zoom where Flowgate draws steps as bare boxes (StepBox.tsx), and back.
 */
export async function zoom(page: Page, at: Point): Promise<GestureResult> {
  const before = JSON.stringify(await probe.viewport(page));
  await page.mouse.move(at.x, at.y);
  await probe.start(page);
  const start = performance.now();
  const half = Math.floor(GESTURE_MS / MOVE_EVERY_MS / 2);
  let moves = 0;
  let midway: string | null = null;
  for (let i = 0; i < 2 * half; i++) {
    await page.mouse.wheel(0, i < half ? WHEEL_STEP : -WHEEL_STEP);
    moves++;
    if (i === half - 1) midway = JSON.stringify(await probe.viewport(page));
    const wait = start + moves * MOVE_EVERY_MS - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const frames = await probe.stop(page);
  return { frames, moves, moved: midway !== null && midway !== before, seen: [before, midway] };
}
