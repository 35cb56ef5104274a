// From the text of an n8n file to valid Flowgate workflows: read (with the hostile-file checks),
// convert, and validate the result with the same loader as any Flowgate file.
import { loadWorkflowValue } from '../../model/load';
import type { Workflow } from '../../model/schema';
import { convertN8nWorkflow } from './import-workflow';
import type { N8nWorkflow } from './n8n-json';
import { N8nImportError, readN8nText, readN8nValue } from './read-n8n';

export interface ImportedWorkflow {
  workflow: Workflow;
  notes: string[];
  /** The n8n workflow's name, for messages. */
  sourceName: string;
}

function finish(list: N8nWorkflow[]): ImportedWorkflow[] {
  return list.map((n8n) => {
    const { workflow, notes } = convertN8nWorkflow(n8n);
    try {
      return { workflow: loadWorkflowValue(workflow).workflow, notes, sourceName: typeof n8n.name === 'string' ? n8n.name : '' };
    } catch (e) {
      // A conversion that the loader refuses is a bug of the converter; say so rather than write a broken file.
      throw new N8nImportError(`The workflow "${n8n.name}" could not be converted (${(e as Error).message}). This is a bug in Flowgate.`);
    }
  });
}

/** Converts the text of an n8n file (one workflow or a list). Throws N8nImportError with a plain message. */
export function importN8nText(text: string): ImportedWorkflow[] {
  return finish(readN8nText(text));
}

/** The same for a value already parsed (and depth-checked) by parseJson(). */
export function importN8nValue(value: unknown): ImportedWorkflow[] {
  return finish(readN8nValue(value));
}
