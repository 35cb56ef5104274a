// Draft from a description, end to end: without a model the dialog says so and leads to Settings;
// pointed at a local OpenAI-compatible test server (127.0.0.1, no internet) whose first reply has a
// broken link and an ungated email, Flowgate sends the problems back, takes the repaired draft, and
// opens it on the canvas as a new, unsaved workflow with the notes on what was assumed. Screenshots of
// the dialog and the opened draft in the light and the dark theme: tests/e2e/screenshots/drafting-*.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../cli/repo';
import { startMockOpenAi, type MockOpenAi } from '../backend/support/mock-openai-server';
import { brokenRefundDraft, REFUND_DESCRIPTION, validRefundDraft } from '../fixtures/drafting/refund-drafts';
import { command, counts, eventually, setTheme, WAIT_MS } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();
const SHOTS = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
let model: MockOpenAi;

beforeAll(async () => {
  model = await startMockOpenAi({ requireStrictSchema: true, models: ['test-model'] });
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await model?.close();
});

async function pointAtTestServer(page: Page) {
  await command(page, 'view.settings');
  const settings = page.getByTestId('dialog-settings');
  await settings.getByTestId('settings-ai-provider').selectOption('openai-compatible');
  await settings.getByTestId('settings-ai-baseurl').fill(model.url);
  await settings.getByTestId('settings-ai-model').fill('test-model');
  await settings.getByTestId('settings-ai-save').click();
  await eventually(() => settings.getByTestId('settings-ai-message').innerText(), 'saved').toBe('Saved.');
}

describe('draft from a description', () => {
  it('says a model is needed and leads to Settings, keeping the text', async () => {
    const page = await fg.openApp();
    await page.getByTestId('home-draft').click();
    const dialog = page.getByTestId('dialog-draft');
    await dialog.getByTestId('draft-description').fill(REFUND_DESCRIPTION);
    await dialog.getByTestId('draft-no-model').waitFor();
    expect(await dialog.getByTestId('draft-no-model').innerText()).toContain('Drafting needs a model. In Settings → AI');
    expect(await dialog.getByTestId('draft-start').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'drafting-no-model-light.png') });

    await dialog.getByTestId('draft-open-settings').click();
    await page.getByTestId('dialog-settings').waitFor();
    await page.getByTestId('dialog-settings').getByTestId('settings-done').click();
    // Back in the drafting dialog, with the description kept.
    await page.getByTestId('dialog-draft').waitFor();
    expect(await page.getByTestId('draft-description').inputValue()).toBe(REFUND_DESCRIPTION);
    expect(model.chats()).toHaveLength(0);
  });

  it('drafts on the model, repairs the first reply, and opens the checked draft on the canvas', async () => {
    const page = await fg.openApp();
    await pointAtTestServer(page);
    await page.getByTestId('dialog-settings').getByTestId('settings-done').click();
    await page.getByTestId('dialog-settings').waitFor({ state: 'detached' });

    // The model takes a moment for its first reply, so the progress shows.
    model.script({ hang: true });
    await page.getByTestId('home-draft').click();
    const dialog = page.getByTestId('dialog-draft');
    await eventually(() => dialog.getByTestId('draft-model').innerText(), 'the model in use').toContain('Drafted by test-model at 127.0.0.1');
    await dialog.getByTestId('draft-description').fill(REFUND_DESCRIPTION);
    await page.screenshot({ path: join(SHOTS, 'drafting-dialog-light.png') });
    await dialog.getByTestId('draft-start').click();
    await eventually(() => dialog.getByTestId('draft-progress').innerText(), 'progress').toContain('Round 1 of at most 4');
    await page.screenshot({ path: join(SHOTS, 'drafting-progress-light.png') });
    // Cancel stops the request on its way.
    await dialog.getByTestId('draft-cancel').click();
    await dialog.getByTestId('draft-cancelled').waitFor({ timeout: WAIT_MS });
    await eventually(() => model.chats()[0]?.abandoned, 'the request was aborted').toBe(true);

    const before = model.chats().length;
    model.script({ content: JSON.stringify(brokenRefundDraft()) }, { content: JSON.stringify(validRefundDraft()) });
    await dialog.getByTestId('draft-start').click();
    await page.getByTestId('canvas').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('dialog-draft').waitFor({ state: 'detached' });

    expect(model.chats().length - before).toBe(2);
    const repair = model.chats().at(-1)!.body!.messages as { role: string; content: string }[];
    expect(repair.at(-1)!.content).toContain('$.steps[2].next[0].to: no step is labelled "Over 50 euro?"');

    const draft = validRefundDraft();
    await eventually(() => counts(page), 'the draft on the canvas').toEqual({ steps: draft.steps.length, links: draft.steps.reduce((n, s) => n + ('next' in s ? s.next.length : 0), 0) });
    await page.locator('.react-flow__node', { hasText: 'Tell the customer' }).waitFor();
    const notes = page.getByTestId('draft-notes');
    expect(await notes.innerText()).toContain('Drafted from your description by test-model in 2 rounds. Not saved yet.');
    expect(await notes.getByTestId('draft-notes-assumed').innerText()).toContain('Refunds of 50 euros or less are approved by a support agent.');
    expect(await notes.getByTestId('draft-notes-assumed').innerText()).toContain('Each connection grants exactly what its steps use');
    expect(await notes.getByTestId('draft-notes-remaining').innerText()).toContain('The analysis finds nothing to fix.');
    expect(await page.locator('.doc-title').innerText()).toContain('Refund requests');
    // A new workflow, not saved anywhere yet; the description typed is the workflow's description.
    expect(await page.locator('.doc-title').getAttribute('title')).toBe('Not saved yet');
    await page.getByTestId('tab-properties').click();
    await eventually(() => page.getByTestId('field-description').inputValue(), 'the description').toBe(REFUND_DESCRIPTION);

    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await page.screenshot({ path: join(SHOTS, `drafting-opened-${theme}.png`) });
    }
    // The dialog in the dark theme, from the File menu's command (the toolbar in browser mode).
    await command(page, 'file.draft');
    await page.getByTestId('dialog-draft').getByTestId('draft-description').fill(REFUND_DESCRIPTION);
    await page.screenshot({ path: join(SHOTS, 'drafting-dialog-dark.png') });
    await page.getByTestId('dialog-draft').getByTestId('draft-close').click();
    await setTheme(page, 'light');
  });

  it('shows what remains when the model never gets it right: the link it could not apply, the gate Flowgate added', async () => {
    const page = await fg.openApp();
    await pointAtTestServer(page);
    await page.getByTestId('dialog-settings').getByTestId('settings-done').click();
    model.options.draft = brokenRefundDraft();
    const before = model.chats().length;
    await page.getByTestId('home-draft').click();
    await page.getByTestId('draft-description').fill(REFUND_DESCRIPTION);
    await page.getByTestId('draft-start').click();
    const notes = page.getByTestId('draft-notes');
    await notes.waitFor({ timeout: WAIT_MS });
    expect(model.chats().length - before).toBe(4);
    expect(await notes.innerText()).toContain('in 4 rounds');
    const remaining = await notes.getByTestId('draft-notes-remaining').innerText();
    expect(remaining).toContain('Not applied from the model’s reply: no step is labelled "Over 50 euro?"');
    expect(await notes.getByTestId('draft-notes-assumed').innerText()).toContain('Added an approval before "Tell the customer"');
    await page.locator('.react-flow__node', { hasText: 'Approve: Tell the customer' }).waitFor();
    // The findings are in the Problems panel, opened for them.
    await page.getByTestId('draft-notes-problems').waitFor();
    await page.screenshot({ path: join(SHOTS, 'drafting-remaining-light.png') });
  });
});
