// Real AI, opt-in, end to end: in Settings, point the AI provider at a local OpenAI-compatible server
// (a test server on 127.0.0.1, no internet), test the connection, mark the support template's classify
// step as external in the inspector, run a scenario in the Simulate tab, and see the model's label in
// the trace. The key typed in Settings never shows up in the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

    expect(model.chats()).toHaveLength(1);
    expect(model.chats()[0].authorization).toBe(`Bearer ${KEY}`);
    expect(model.chats()[0].body!.model).toBe('test-model');
    expect(await page.content()).not.toContain(KEY);
  });
});
