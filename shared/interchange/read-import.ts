// What File → Import and dropping a file onto the window read: a Flowgate workflow, or an n8n workflow
// converted on the way in. A file that is neither says which it looked like and what is wrong.
import { WorkflowLoadError, loadWorkflow, parseJson } from '../model/load';
import type { Workflow } from '../model/schema';
import { importN8nValue } from './n8n/import-text';
import { N8nImportError, looksLikeN8n } from './n8n/read-n8n';
import { explainOpenError } from './import-problem';

export interface ImportRead {
  workflow: Workflow;
  /** Things to tell the user: repairs, and for n8n files what the conversion assumed or left out. */
  warnings: string[];
  source: 'flowgate' | 'n8n';
}

/** The first workflow of an n8n file (with a warning when it holds more), else the Flowgate document. */
export function readImportText(text: string): ImportRead {
  try {
    const { workflow, warnings } = loadWorkflow(text);
    return { workflow, warnings, source: 'flowgate' };
  } catch (e) {
    if (!(e instanceof WorkflowLoadError) || e.code !== 'not-workflow') throw e;
    const value = parseJson(text);
    if (!looksLikeN8n(value)) throw e;
    let list;
    try {
      list = importN8nValue(value);
    } catch (n8nError) {
      throw new N8nImportError(`This is an n8n workflow, but it cannot be imported: ${(n8nError as Error).message}`);
    }
    const [first] = list;
    const more = list.length > 1 ? [`The file holds ${list.length} n8n workflows; "${first.sourceName}" is open. Use flowgate import to convert all of them.`] : [];
    return { workflow: first.workflow, warnings: [...more, ...first.notes], source: 'n8n' };
  }
}

/**
 * Opening (not importing) a file that is not a Flowgate workflow: the loader's error becomes a sentence
 * that says what the file is and how to use it (an n8n file: use Import). See import-problem.ts.
 */
export function explainLoadError(text: string, error: unknown): unknown {
  return explainOpenError(text, error);
}
