// Real AI, opt-in, end to end: in Settings, point the AI provider at a local OpenAI-compatible server
// (a test server on 127.0.0.1, no internet), test the connection, mark the support template's classify
// step as external in the inspector, run a scenario in the Simulate tab, and see the model's label in
// the trace. The key typed in Settings never shows up in the page. A batch of 20 items asks before it
// sends more calls than Settings allow, then runs on the model and shows its calls and tokens
// (screenshots of the question and the results: /tmp/fg-shots/ai-batch-*.png).
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startMockOpenAi, type MockOpenAi } from '../backend/support/mock-openai-server';
import { command, eventually, newFromTemplate, selectNode } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const KEY = 'sk-e2e-test-key-4f1d2c9b8a7e6d5c';
let model: MockOpenAi;

beforeAll(async () => {
  // The model's label is "billing" at 93 %: the mock AI would say "account" for this scenario.
  model = await startMockOpenAi({ apiKey: KEY, label: 'billing', models: ['test-model'] });
});
afterAll(async () => {
  await model?.close();
});

/** Settings → AI: the test server, its model and key, and when a batch must ask. */
async function pointAtTestServer(page: Page, maxCalls?: number) {
  await command(page, 'view.settings');
  const settings = page.getByTestId('dialog-settings');
  await settings.getByTestId('settings-ai-provider').selectOption('openai-compatible');
  await settings.getByTestId('settings-ai-baseurl').fill(model.url);
  await settings.getByTestId('settings-ai-model').fill('test-model');
  await settings.getByTestId('settings-ai-key').fill(KEY);
  if (maxCalls !== undefined) await settings.getByTestId('settings-ai-maxcalls').fill(String(maxCalls));
  await settings.getByTestId('settings-ai-save').click();
  await eventually(() => settings.getByTestId('settings-ai-message').innerText(), 'saved').toBe('Saved.');
  await settings.getByTestId('settings-done').click();
  await settings.waitFor({ state: 'detached' });
}

describe('an AI step on an OpenAI-compatible model', () => {
  it('is set up in Settings, tested, and answers the classify step of a run', async () => {
    const page = await fg.openApp();

    await command(page, 'view.settings');
    const settings = page.getByTestId('dialog-settings');
    await settings.getByTestId('settings-ai-provider').selectOption('openai-compatible');
    await settings.getByTestId('settings-ai-baseurl').fill(model.url);
    await settings.getByTestId('settings-ai-model').fill('test-model');
    await settings.getByTestId('settings-ai-key').fill(KEY);
    await settings.getByTestId('settings-ai-test').click();
    await eventually(() => settings.getByTestId('settings-ai-result').innerText(), 'connection test').toContain('the model "test-model" is ready');
    await settings.getByTestId('settings-ai-save').click();
    await eventually(() => settings.getByTestId('settings-ai-key-status').innerText(), 'key stored').toContain(`A key is stored for ${new URL(model.url).origin}`);
    // Write-only: the field is emptied, and the page holds the key nowhere.
    expect(await settings.getByTestId('settings-ai-key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(KEY);
    await settings.getByTestId('settings-done').click();
    await settings.waitFor({ state: 'detached' });

    await newFromTemplate(page, 'support-ticket-triage');
    await selectNode(page, 'n2');
    await page.getByTestId('field-provider').selectOption('external');

    await page.getByTestId('tab-simulation').click();
    await page.getByTestId('sim-scenario').selectOption('scenario:happy');
    await page.getByTestId('sim-run').click();
    const classify = page.locator('[data-testid^="sim-event-"]', { hasText: 'AI classify (93% sure)' });
    const toEnd = page.getByTestId('sim-end');
    await eventually(async () => {
      // Skip the replay to the end of what has run, whenever there is more to show.
      if ((await toEnd.count()) && (await toEnd.isEnabled())) await toEnd.click();
      return classify.count();
    }, 'the model’s answer in the timeline').toBe(1);
    expect(await classify.innerText()).toContain('billing');
    // The run's calls and tokens, never a key.
    await eventually(() => page.getByTestId('sim-ai-usage').innerText(), 'the run’s usage').toBe('1 model call · 150 tokens · $0 (on this computer)');

    expect(model.chats()).toHaveLength(1);
    expect(model.chats()[0].authorization).toBe(`Bearer ${KEY}`);
    expect(model.chats()[0].body!.model).toBe('test-model');
    expect(await page.content()).not.toContain(KEY);
  });

  it('asks before a batch sends more calls than Settings allow, then runs it on the model and shows the usage', async () => {
    const page = await fg.openApp();
    await pointAtTestServer(page, 5);
    await newFromTemplate(page, 'support-ticket-triage');
    await selectNode(page, 'n2');
    await page.getByTestId('field-provider').selectOption('external');

    await page.getByTestId('tab-simulation').click();
    await page.getByTestId('run-mode-batch').click();
    await eventually(() => page.getByTestId('batch-ai-note').innerText(), 'the note on the model').toContain('runs on test-model at');
    expect(await page.getByTestId('batch-ai-note').innerText()).toContain('not reproducible');
    await page.getByTestId('batch-runs').fill('20');
    const before = model.chats().length;
    await page.getByTestId('batch-start').click();
    const question = page.getByTestId('batch-confirm-calls');
    await question.waitFor();
    expect(await question.innerText()).toContain(`This batch will send about 20 calls to test-model at ${new URL(model.url).host}. Continue?`);
    expect(model.chats().length).toBe(before);
    await mkdir('/tmp/fg-shots', { recursive: true });
    await page.locator('.sidebar').screenshot({ path: '/tmp/fg-shots/ai-batch-confirm.png' });

    await page.getByTestId('batch-confirm-yes').click();
    const usage = page.getByTestId('batch-ai-usage');
    await usage.waitFor();
    expect(await usage.innerText()).toContain('20 model calls · 3,000 tokens · $0 (on this computer)');
    expect(await usage.innerText()).toContain('not reproducible');
    expect(await page.getByTestId('batch-progress-text').innerText()).toBe('Finished 20 items.');
    expect(model.chats().length - before).toBe(20);
    await page.locator('.sidebar').screenshot({ path: '/tmp/fg-shots/ai-batch-results.png' });
    expect(await page.getByTestId('batch-confirm-calls').count()).toBe(0);
    expect(await page.content()).not.toContain(KEY);
  });
});
