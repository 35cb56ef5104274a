// The commands `flowgate` knows, with the line `flowgate --help` shows for each, in that order.
// Kept apart from the commands themselves so that `flowgate --help` (and a mistyped command) loads
// none of them: main.ts imports a command's module only to run it. Each command file takes its name
// and summary from here (`...listed('lint')`); cli/commands/index.ts lists the command objects.

export const COMMAND_LIST = [
  { name: 'serve', summary: 'Run Flowgate in your browser, reachable from this computer only' },
  { name: 'lint', summary: 'Check workflow files for permission, approval and structure problems' },
  { name: 'simulate', summary: 'Rehearse a run of a workflow offline and print its trace' },
  { name: 'report', summary: 'Write a readiness report of a workflow (Markdown or HTML)' },
  { name: 'export', summary: 'Export a workflow to Camunda 8 (BPMN) or n8n' },
  { name: 'import', summary: 'Convert an n8n workflow into a Flowgate workflow' },
  { name: 'conform', summary: 'Replay an event log on a workflow: deviations, skipped approvals, calibration' },
  { name: 'draft', summary: 'Draft a workflow from a description, on an OpenAI-compatible model' },
] as const satisfies readonly { name: string; summary: string }[];

export type CommandName = (typeof COMMAND_LIST)[number]['name'];

/** A command's name and summary, for its command object. */
export function listed(name: CommandName): { name: string; summary: string } {
  const entry = COMMAND_LIST.find((c) => c.name === name);
  if (!entry) throw new Error(`cli/commands/list.ts has no command "${name}".`);
  return { name: entry.name, summary: entry.summary };
}
