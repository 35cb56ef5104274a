// Only the open of 10,000 steps, for iterating on it: `npx tsx bench/browser/open-only.ts [buildDir…]
// [--runs=N] [--profile=out.cpuprofile]`. Uses the given builds of the renderer (default out/renderer,
// the one `npm run build:web` makes; or one built unminified for a readable profile), opens the
// workflow N times in fresh contexts after a warm-up, alternating between the builds so that they
// share the machine's load, and prints each open's timings and each build's median; --profile records
// a CPU profile (CDP Profiler) of the first build's last open, from the click on the file to the step
// selected. The figure of record is `npm run bench -- --only=browser` (bench/browser.ts).
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serializeWorkflow } from '../../shared/model/load';
import { generateWorkflow } from '../../tests/fixtures/generate-workflow';
import { launchChromium } from './chromium';
import { clickToSelect, startFlowgate } from './flowgate-app';
import { PROBE_SCRIPT, probe } from './page-probe';

const NODES = 10_000;
const FILE = `bench-${NODES}.flowgate.json`;
const TIMEOUT = 180_000;

const args = process.argv.slice(2);
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const given = args.filter((a) => !a.startsWith('--'));
const builds = given.length ? given : [fileURLToPath(new URL('../../out/renderer', import.meta.url))];
const runs = Number(opt('runs') ?? 3);
const profileTo = opt('profile');
/** --from=start: the profile starts before the navigation instead of at the click on the file. */
const fromStart = opt('from') === 'start';

const wf = generateWorkflow({ nodes: NODES, variant: 'clean', seed: 1 });
const text = serializeWorkflow(wf);
const servers = await Promise.all(builds.map((dir) => startFlowgate({ [FILE]: text }, dir)));
const browser = await launchChromium();
const load = () => loadavg()[0].toFixed(1);
console.log(`load at start ${load()}`);
const results: number[][] = builds.map(() => []);
try {
  for (let i = 0; i <= runs; i++) for (const [b, flowgate] of servers.entries()) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
    await context.addInitScript({ content: PROBE_SCRIPT });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.error(`  console error: ${m.text()}`));
    await page.waitForTimeout(1000);
    const profiling = profileTo && i === runs && b === 0;
    const cdp = profiling ? await context.newCDPSession(page) : null;
    const startProfile = async () => {
      if (!cdp) return;
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    };
    if (fromStart) await startProfile();
    const t0 = performance.now();
    await page.goto(flowgate.url, { waitUntil: 'commit' });
    await page.getByTestId('home-open').click({ timeout: TIMEOUT });
    const home = performance.now() - t0;
    const item = page.locator(`[data-testid="open-item"][data-path$="${FILE}"]`);
    await item.waitFor({ timeout: TIMEOUT });
    if (!fromStart) await startProfile();
    const tc = performance.now();
    await item.click({ timeout: TIMEOUT });
    await probe.waitViewDrawn(page, TIMEOUT);
    const rendered = performance.now() - t0;
    await clickToSelect(page, TIMEOUT);
    const interactive = performance.now() - t0;
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(profileTo!, JSON.stringify(profile));
    }
    await probe.waitAllDrawn(page, TIMEOUT);
    const complete = performance.now() - t0;
    // The backend's part: the request for the document until its first byte, and its transfer.
    const api = await page.evaluate(`(() => { const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/api/workflow.open')); return e ? [e.responseStart - e.requestStart, e.responseEnd - e.responseStart] : null; })()`) as [number, number] | null;
    console.log(`${builds[b]} ${i === 0 ? 'warm-up' : `open ${i}`}: start page ${home.toFixed(0)} ms, click on file at ${(tc - t0).toFixed(0)}, first view ${rendered.toFixed(0)}, interactive ${interactive.toFixed(0)}, all drawn ${complete.toFixed(0)}${api ? `; workflow.open: to first byte ${api[0].toFixed(0)}, transfer ${api[1].toFixed(0)}` : ''} (load ${load()})`);
    if (i > 0) results[b].push(interactive);
    await context.close();
  }
  for (const [b, r] of results.entries()) {
    r.sort((x, y) => x - y);
    console.log(`${builds[b]}: median interactive ${r[Math.floor(r.length / 2)].toFixed(0)} ms`);
  }
  console.log(`load at end ${load()}`);
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
