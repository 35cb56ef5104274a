// Why a file given to Open or Import is not a workflow Flowgate can open, said the way a person would
// say it: first what the file is ("This is a BPMN diagram, not a Flowgate workflow."), then what is
// wrong in detail, and last where in the file (the JSON path). Foreign files are recognised by their
// own markers: n8n's nodes, BPMN's namespace, XES's log element, the formats of Flowgate's other files.
import { WorkflowLoadError, parseJson } from '../model/load';
import { FORMAT } from '../model/schema';
import { looksLikeN8n } from './n8n/read-n8n';
import { errorText } from '../text';

export interface ImportProblem {
  /** One sentence that says what the file is, or what kind of problem it has. */
  lead: string;
  /** The problem in detail (the loader's own words), when there is more to say than the lead. */
  detail: string | null;
  /** JSON path of the offending value; `$` for the whole file. */
  path: string;
}

/** Flowgate's own files that are not workflows, by their `format`. */
const FLOWGATE_FILES: Readonly<Record<string, string>> = {
  'flowgate.trace': 'a Flowgate simulation run (a trace)',
  'flowgate.batch': 'a Flowgate batch result',
  'flowgate.camunda-workers': 'the worker list of a Camunda 8 export',
};

const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** What a text that is not JSON looks like, by its first characters and markers. */
function notJson(text: string): string | null {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4000);
  if (!head) return 'This file is empty, so it holds no workflow.';
  if (head.startsWith('<')) {
    if (head.includes(BPMN_NAMESPACE) || /<(\w+:)?definitions\b/.test(head)) {
      return 'This is a BPMN diagram, not a Flowgate workflow. Flowgate exports BPMN for Camunda 8 but does not read it back: open the Flowgate file it was exported from.';
    }
    if (/<log\b[^>]*xes/i.test(head) || /<log\b/.test(head)) {
      return 'This is an event log (XES), not a workflow. To compare a log with a workflow, use “flowgate conform” on the command line.';
    }
    if (/<(!doctype\s+html|html)\b/i.test(head)) return 'This is a web page (HTML), not a Flowgate workflow. A Flowgate report cannot be opened again as a workflow.';
    if (/<svg\b/.test(head)) return 'This is an image (SVG), not a Flowgate workflow.';
    return 'This is an XML file, not a Flowgate workflow.';
  }
  const lines = head.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length > 1 && !/^[[{]/.test(head) && /[,;\t]/.test(lines[0]) && lines[0].split(/[,;\t]/).length === lines[1].split(/[,;\t]/).length) {
    return 'This looks like a table (CSV), not a Flowgate workflow. To compare an event log with a workflow, use “flowgate conform” on the command line.';
  }
  if (/^#\s|^[-*]\s/m.test(head.slice(0, 200)) && !/^[[{]/.test(head)) return 'This looks like a text document (Markdown), not a Flowgate workflow. A Flowgate report cannot be opened again as a workflow.';
  return null;
}

/** What parsed JSON that is not a Flowgate workflow is, when that can be told. */
function otherJson(value: unknown): string {
  if (looksLikeN8n(value)) return 'This is an n8n workflow, not a Flowgate one. Use Import to convert it into a new Flowgate workflow.';
  if (Array.isArray(value)) return 'This JSON file holds a list, not a Flowgate workflow.';
  if (!isObject(value)) return 'This JSON file holds a single value, not a Flowgate workflow.';
  const format = value.format;
  if (typeof format === 'string' && FLOWGATE_FILES[format]) return `This is ${FLOWGATE_FILES[format]}, not a workflow.`;
  if (Array.isArray(value.components) && ('schemaVersion' in value || 'exporter' in value || value.type === 'default')) return 'This is a Camunda form, not a Flowgate workflow.';
  if (typeof format === 'string' && format !== FORMAT) return `This JSON file says it is “${format.slice(0, 60)}”, not a Flowgate workflow.`;
  return 'This JSON file is not a Flowgate workflow: a workflow file says "format": "flowgate.workflow" at its start.';
}

/** The loader's message without the path it starts with (the path is shown on its own). */
function withoutPath(e: WorkflowLoadError): string {
  return e.path !== '$' && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
}

/** Why `text` could not be opened as a workflow, given the error the loader (or the n8n import) threw. */
export function importProblem(text: string, error: unknown): ImportProblem {
  if (!(error instanceof WorkflowLoadError)) {
    const message = errorText(error);
    // The n8n import says itself what the file is ("This is an n8n workflow, but…").
    return { lead: message, detail: null, path: '$' };
  }
  const detail = withoutPath(error);
  switch (error.code) {
    case 'too-large':
      return { lead: 'This file is too large for Flowgate to open.', detail, path: '$' };
    case 'too-deep':
      return { lead: 'This file is nested too deeply to be a Flowgate workflow.', detail, path: '$' };
    case 'not-json':
      return { lead: notJson(text) ?? 'This file is not JSON, so it is not a Flowgate workflow.', detail: notJson(text) ? null : detail, path: '$' };
    case 'not-workflow': {
      let value: unknown;
      try {
        value = parseJson(text);
      } catch {
        return { lead: 'This file is not a Flowgate workflow.', detail, path: error.path };
      }
      return { lead: otherJson(value), detail: null, path: '$' };
    }
    case 'newer-version':
      return { lead: 'This workflow was saved by a newer version of Flowgate: update Flowgate to open it.', detail, path: error.path };
    case 'invalid':
      return { lead: 'This is a Flowgate workflow, but part of it is not valid, so it cannot be opened.', detail, path: error.path };
  }
}

/**
 * Opening (not importing) a file that is not a Flowgate workflow: the loader's error, with a message
 * that says first what the file is (an n8n workflow: use Import). A workflow with a mistake keeps the
 * loader's message and path unchanged.
 */
export function explainOpenError(text: string, error: unknown): unknown {
  if (!(error instanceof WorkflowLoadError) || error.code === 'invalid') return error;
  const p = importProblem(text, error);
  const message = p.detail ? `${p.lead} ${p.detail[0].toUpperCase()}${p.detail.slice(1)}${/[.!?]$/.test(p.detail) ? '' : '.'}` : p.lead;
  return new WorkflowLoadError(error.code, '$', message);
}
