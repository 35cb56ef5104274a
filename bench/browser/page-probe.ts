// What the benchmark runs inside a page, the same for Flowgate and for the bare React Flow page.
// Written as plain JavaScript text: functions handed to page.evaluate() would be serialised after
// tsx compiled them, and helpers the compiler adds do not exist in the page.
import type { Page } from 'playwright-core';

/** Installed before any page script runs (context.addInitScript). */
export const PROBE_SCRIPT = `
window.__bench = (() => {
  let frames = null;
  let firstDrawn = null;
  const flowRect = () => document.querySelector('.react-flow').getBoundingClientRect();
  const inside = (b, r, m) => b.left >= r.left + m && b.right <= r.right - m && b.top >= r.top + m && b.bottom <= r.bottom - m;
  return {
    // requestAnimationFrame timestamps, from start() to stop(); stop() returns the frame-to-frame deltas.
    start() {
      const f = (frames = []);
      const loop = (t) => { if (frames !== f) return; f.push(t); requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
    },
    stop() {
      const f = frames || [];
      frames = null;
      const d = [];
      for (let i = 1; i < f.length; i++) d.push(f[i] - f[i - 1]);
      return d;
    },
    // Every node element is in the page and measured (React Flow hides a node until it has its size).
    ready(count) {
      const nodes = document.querySelectorAll('.react-flow__node');
      if (nodes.length !== count) return false;
      for (const n of nodes) if (n.style.visibility === 'hidden') return false;
      return true;
    },
    // Flowgate draws a large workflow in parts, the first view first, and says how far it got on the
    // canvas element (data-drawn: none, view, all). The first view counts as drawn when the canvas
    // says so and every node element in the page is measured; the ids then in the page are kept, so
    // that missedInView() can check the claim once everything is drawn.
    viewReady() {
      const canvas = document.querySelector('[data-testid="canvas"]');
      const drawn = canvas && canvas.getAttribute('data-drawn');
      if (drawn !== 'view' && drawn !== 'all') return false;
      const nodes = document.querySelectorAll('.react-flow__node');
      if (!nodes.length) return false;
      for (const n of nodes) if (n.style.visibility === 'hidden') return false;
      firstDrawn = new Set([...nodes].map((n) => n.getAttribute('data-id')));
      return true;
    },
    // Every step drawn and measured (data-drawn="all"). A large workflow then keeps only the steps in
    // view in the page, so the number of node elements says nothing here.
    allDrawn() {
      const canvas = document.querySelector('[data-testid="canvas"]');
      if (!canvas || canvas.getAttribute('data-drawn') !== 'all') return false;
      const nodes = document.querySelectorAll('.react-flow__node');
      if (!nodes.length) return false;
      for (const n of nodes) if (n.style.visibility === 'hidden') return false;
      return true;
    },
    // The steps Flowgate's status bar counts ("1,000 steps · 1,784 links").
    stepCount() {
      const el = document.querySelector('[data-testid="status-counts"]');
      const m = el && /([\\d,]+) steps?/.exec(el.textContent);
      return m ? Number(m[1].replace(/,/g, '')) : null;
    },
    // The nodes now on screen that were not in the page when viewReady() held: none, if the first
    // view really was drawn.
    missedInView() {
      const r = flowRect();
      const missed = [];
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const b = el.getBoundingClientRect();
        const onScreen = b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
        if (onScreen && !(firstDrawn && firstDrawn.has(el.getAttribute('data-id')))) missed.push(el.getAttribute('data-id'));
      }
      return missed;
    },
    // The node nearest the canvas centre that is fully visible, at least margin px from the edges,
    // and not covered at its centre. Hit tests are slow on big canvases, so candidates are tested
    // nearest first and the search stops at the first good one.
    pickNode(margin) {
      const r = flowRect();
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const candidates = [];
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const b = el.getBoundingClientRect();
        if (!inside(b, r, margin)) continue;
        const x = b.left + b.width / 2, y = b.top + b.height / 2;
        candidates.push({ el, x, y, d: Math.hypot(x - cx, y - cy) });
      }
      candidates.sort((a, b) => a.d - b.d);
      for (const c of candidates) {
        if (c.el.contains(document.elementFromPoint(c.x, c.y))) return { id: c.el.getAttribute('data-id'), x: c.x, y: c.y };
      }
      return null;
    },
    // An empty spot of the pane (where a drag pans), searched in rings around the canvas centre.
    // Few probes: a hit test costs milliseconds on a canvas of a thousand nodes.
    emptyPane(margin) {
      const r = flowRect();
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const maxRing = Math.floor(Math.min(r.width, r.height) / 2 / 40);
      for (let ring = 0; ring <= maxRing; ring++) {
        const steps = Math.max(1, ring * 8);
        for (let k = 0; k < steps; k++) {
          const a = (k / steps) * 2 * Math.PI;
          const x = cx + ring * 40 * Math.cos(a), y = cy + ring * 40 * Math.sin(a);
          if (x < r.left + margin || x > r.right - margin || y < r.top + margin || y > r.bottom - margin) continue;
          const el = document.elementFromPoint(x, y);
          if (el && el.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    },
    nodeTransform(id) {
      const el = document.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
      return el ? el.style.transform : null;
    },
    isSelected(id) {
      const el = document.querySelector('.react-flow__node[data-id="' + CSS.escape(id) + '"]');
      return !!el && el.classList.contains('selected');
    },
    // Resolves on the first frame where check() holds (rAF polling, like waitForFunction, but
    // without the string evaluation that Flowgate's Content Security Policy rightly refuses).
    until(check, timeout) {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const tick = () => {
          if (check()) return resolve(true);
          if (performance.now() - started > timeout) return reject(new Error('timed out after ' + timeout + ' ms'));
          requestAnimationFrame(tick);
        };
        tick();
      });
    },
    // Resolves once count frames in a row each came within limit ms: the page has finished the
    // work its opening queued (a bare page of thousands of nodes measures them for seconds after
    // they are first in the page).
    settle(count, limit, timeout) {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        let last = performance.now();
        let calm = 0;
        const tick = (t) => {
          calm = t - last <= limit ? calm + 1 : 0;
          last = t;
          if (calm >= count) return resolve(true);
          if (t - started > timeout) return reject(new Error('the page did not settle within ' + timeout + ' ms'));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    viewport() {
      const el = document.querySelector('.react-flow__viewport');
      const m = el && /translate\\(([-\\d.e]+)px, ?([-\\d.e]+)px\\) scale\\(([-\\d.e]+)\\)/.exec(el.style.transform);
      return m ? { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) } : null;
    },
  };
})();
`;

export interface Point {
  x: number;
  y: number;
}

const call = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

export const probe = {
  start: (page: Page) => call<void>(page, 'window.__bench.start()'),
  stop: (page: Page) => call<number[]>(page, 'window.__bench.stop()'),
  pickNode: (page: Page, margin: number) => call<(Point & { id: string }) | null>(page, `window.__bench.pickNode(${margin})`),
  emptyPane: (page: Page, margin: number) => call<Point | null>(page, `window.__bench.emptyPane(${margin})`),
  nodeTransform: (page: Page, id: string) => call<string | null>(page, `window.__bench.nodeTransform(${JSON.stringify(id)})`),
  viewport: (page: Page) => call<{ x: number; y: number; zoom: number } | null>(page, 'window.__bench.viewport()'),
  /** Resolves when all `count` node elements are rendered and measured (checked on every frame). */
  waitReady: (page: Page, count: number, timeout: number) => call<true>(page, `window.__bench.until(() => window.__bench.ready(${count}), ${timeout})`),
  /** Resolves when Flowgate's first view is drawn (see viewReady in the page script). */
  waitViewDrawn: (page: Page, timeout: number) => call<true>(page, `window.__bench.until(() => window.__bench.viewReady(), ${timeout})`),
  /** Resolves when Flowgate has drawn and measured every step (see allDrawn in the page script). */
  waitAllDrawn: (page: Page, timeout: number) => call<true>(page, `window.__bench.until(() => window.__bench.allDrawn(), ${timeout})`),
  /** Resolves once 10 frames in a row came within 50 ms each. */
  settle: (page: Page, timeout: number) => call<true>(page, `window.__bench.settle(10, 50, ${timeout})`),
  stepCount: (page: Page) => call<number | null>(page, 'window.__bench.stepCount()'),
  missedInView: (page: Page) => call<string[]>(page, 'window.__bench.missedInView()'),
  waitSelected: (page: Page, id: string, timeout: number) =>
    call<true>(page, `window.__bench.until(() => window.__bench.isSelected(${JSON.stringify(id)}), ${timeout})`),
};
