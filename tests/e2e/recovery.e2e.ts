// Crash recovery and files changed on disk, end to end in Chromium against browser mode: unsaved
// edits survive a killed page and are restored at the next start; a file another program changes
// is reloaded, or asked about when there are unsaved changes; a deleted file can be written again.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { command, dragFromPalette, eventually, newBlank, openApp, readWorkflowFile, saveAs, waitForCanvas, waitSaved } from './support/editor';
import { useFlowgate } from './support/suite';

const fg = useFlowgate();

/** The crash-recovery entries the backend holds (browser mode keeps them in `<data-dir>/journal`). */
async function journalEntries(): Promise<{ path: string | null; savedAt: number | null; document: Workflow }[]> {
  const dir = join(fg.server.dataDir, 'journal');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  const entries = await Promise.all(names.map(async (n) => readFile(join(dir, n), 'utf8').then((t) => JSON.parse(t), () => null)));
  return entries.filter((e) => e !== null);
}

function propertiesField(page: Page, testId: string) {
  return page.getByTestId('properties-panel').getByTestId(testId);
}

async function toastTexts(page: Page, tone: 'info' | 'warn'): Promise<string[]> {
  return page.getByTestId(`toast-${tone}`).allInnerTexts();
}

test('unsaved edits survive a killed page and are restored, unsaved, at the next start', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await dragFromPalette(page, 'intake', 160, 220);
  const path = await saveAs(page, 'Recovery drill');
  const savedMtime = (await stat(path)).mtimeMs;

  // Typing without a pause keeps autosave waiting (it saves 3 s after the last change), while the
  // journal keeps a copy every few seconds.
  await page.getByTestId('tab-properties').click();
  const typed = 'Written just before the crash';
  const typing = propertiesField(page, 'field-description')
    .pressSequentially(typed, { delay: 150 })
    .catch(() => undefined);
  await eventually(async () => (await journalEntries()).filter((e) => e.document.description.length > 0).length, 'a recovery copy with the edit').toBe(1);
  // The kill: no beforeunload prompt, no save.
  await page.close({ runBeforeUnload: false });
  await typing;

  const [entry] = await journalEntries();
  expect(entry.path).toBe(path);
  expect(entry.savedAt).toBe(savedMtime);
  const kept = entry.document.description;
  expect(typed.startsWith(kept)).toBe(true);
  expect((await readWorkflowFile(path)).description).toBe('');

  const next = await fg.openApp();
  const dialog = next.getByTestId('dialog-restore');
  await dialog.waitFor();
  expect(await dialog.getByRole('heading').innerText()).toBe('Flowgate closed before these changes were saved');
  const items = dialog.getByTestId('restore-item');
  expect(await items.count()).toBe(1);
  const item = await items.innerText();
  // Save As named the untitled workflow after its file.
  expect(item).toContain('Recovery drill');
  expect(item).toContain(path);
  await items.getByTestId('restore-open').click();
  await dialog.waitFor({ state: 'detached' });

  await waitForCanvas(next);
  expect(await next.getByTestId('status-save').innerText()).toBe('Unsaved changes');
  expect(await next.getByTestId('status-path').innerText()).toBe(path);
  expect(await next.title()).toBe('• Recovery drill — Flowgate');
  await next.getByTestId('tab-properties').click();
  expect(await propertiesField(next, 'field-description').inputValue()).toBe(kept);

  // Saving writes the restored edits and ends the recovery copy.
  await command(next, 'file.save');
  await waitSaved(next);
  expect((await readWorkflowFile(path)).description).toBe(kept);
  await eventually(async () => (await journalEntries()).length, 'the recovery copy is discarded').toBe(0);
});

test('another open tab is not offered; Decide later keeps the copies and Discard removes one', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await page.getByTestId('tab-properties').click();
  const typing = propertiesField(page, 'field-name').pressSequentially(' never saved', { delay: 150 }).catch(() => undefined);
  await eventually(async () => (await journalEntries()).length, 'a recovery copy').toBe(1);
  // A second tab while this one is still open: its copy is live, not left behind, so not offered.
  const otherTab = await page.context().newPage();
  await openApp(otherTab, fg.server.url);
  expect(await otherTab.getByTestId('dialog-restore').count()).toBe(0);
  await otherTab.close({ runBeforeUnload: false });
  await page.close({ runBeforeUnload: false });
  await typing;

  const later = await fg.openApp();
  const dialog = later.getByTestId('dialog-restore');
  await dialog.waitFor();
  expect(await dialog.getByTestId('restore-item').innerText()).toContain('Never saved');
  await dialog.getByTestId('restore-later').click();
  await dialog.waitFor({ state: 'detached' });
  await later.getByTestId('home').waitFor();
  expect(await journalEntries()).toHaveLength(1);

  const again = await fg.openApp();
  const offered = again.getByTestId('dialog-restore');
  await offered.waitFor();
  await offered.getByTestId('restore-discard').click();
  await offered.waitFor({ state: 'detached' });
  expect(await journalEntries()).toHaveLength(0);
});

test('a file changed on disk is reloaded when nothing is unsaved, and asked about when something is', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await dragFromPalette(page, 'intake', 160, 220);
  const path = await saveAs(page, 'Watched');

  // Another program (a sync tool, git) rewrites the file: nothing unsaved here, so it just reloads.
  const theirs = { ...(await readWorkflowFile(path)), name: 'Renamed elsewhere' };
  await writeFile(path, serializeWorkflow(theirs));
  await eventually(() => toastTexts(page, 'info'), 'reloaded').toContain('Reloaded Renamed elsewhere: it was changed by another program');
  expect(await page.title()).toBe('Renamed elsewhere — Flowgate');
  expect(await page.getByTestId('status-save').innerText()).toBe('All changes saved');

  // Now with an unsaved change here, the file changes again: Flowgate asks (the window gaining
  // focus checks at once, before autosave would run).
  await page.getByTestId('tab-properties').click();
  await propertiesField(page, 'field-owner').fill('Operations lead');
  await writeFile(path, serializeWorkflow({ ...theirs, description: 'Changed again elsewhere' }));
  const asked = page.getByTestId('dialog-file-changed');
  await eventually(async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    return asked.count();
  }, 'the changed-file question').toBe(1);
  expect(await asked.getByRole('heading').innerText()).toBe('Watched.flowgate.json was changed by another program');

  // Keep mine: the next save asks before it overwrites, then writes with overwrite.
  await asked.getByTestId('file-changed-keep').click();
  await asked.waitFor({ state: 'detached' });
  expect(await propertiesField(page, 'field-owner').inputValue()).toBe('Operations lead');
  expect(await page.getByTestId('status-save').innerText()).toBe('Changed on disk — not saved');
  await command(page, 'file.save');
  const conflict = page.getByTestId('dialog-conflict');
  await conflict.waitFor();
  await conflict.getByTestId('conflict-overwrite').click();
  await waitSaved(page);
  const written = await readWorkflowFile(path);
  expect(written.owner).toBe('Operations lead');
  expect(written.description).toBe('');
});

test('a file deleted while open shows a banner, and Save writes it again', async () => {
  const page = await fg.openApp();
  await newBlank(page);
  await dragFromPalette(page, 'intake', 160, 220);
  const path = await saveAs(page, 'Soon gone');
  await rm(path);
  const banner = page.getByTestId('banner-file-missing');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('Soon gone.flowgate.json was deleted or moved. Save to write it again.');
  await banner.getByTestId('banner-file-missing-save').click();
  await banner.waitFor({ state: 'detached' });
  await waitSaved(page);
  expect((await readWorkflowFile(path)).nodes).toHaveLength(1);
});
