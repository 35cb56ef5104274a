// The vocabulary of exports to other engines (Camunda 8 BPMN, n8n): what an exporter returns, and
// the error it throws when a workflow cannot be expressed in the target. Pure: the command line and
// the backend write the files; the exporters only build their text.
import type { Workflow } from '../model/schema';

export type ExportTargetId = 'bpmn' | 'n8n';

/** Something the user should know before using the export: written anyway, but not 1:1. */
export interface ExportWarning {
  message: string;
  /** The Flowgate step the warning is about, when there is one. */
  nodeId?: string;
}

/** One file of an export. The first file of an `ExportOutput` is the main one (the .bpmn, the n8n JSON). */
export interface ExportedFile {
  /** File name to write beside the main file (the main file's own name for the first one). */
  name: string;
  content: string;
  mediaType: string;
  /** One line for the user: what this file is for. */
  purpose: string;
}

export interface ExportOutput {
  files: ExportedFile[];
  warnings: ExportWarning[];
}

export interface ExportOptions {
  /** Base name of the files without extension ("support-triage"), from --out or the save dialog. */
  baseName: string;
  /** Target-specific options (e.g. `camunda: '8.8'`), validated by the target. */
  [option: string]: unknown;
}

/** A workflow that cannot be expressed in the target: says what and where. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly where: { nodeId?: string; edgeId?: string; path?: string } = {},
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** A choice the user makes before exporting (the Camunda version), shown by the app's export dialog. */
export interface ExportOptionSpec {
  /** Key in ExportOptions, and the command line's flag (`--camunda`). */
  id: string;
  label: string;
  choices: readonly { value: string; label: string }[];
  default: string;
  /** One line under the choice. */
  help?: string;
}

export interface ExportTarget {
  id: ExportTargetId;
  /** Shown in menus and dialogs: "Camunda 8 (BPMN)". */
  label: string;
  /** Extension of the main file, with the dot. */
  extension: string;
  /** One sentence for the export dialog: what the files are and where they go. */
  description?: string;
  /** The target's options; none when absent. */
  options?: readonly ExportOptionSpec[];
  export(workflow: Workflow, options: ExportOptions): Promise<ExportOutput>;
}
