// `flowgate lint`: analyses workflow files and reports the findings as text or JSON, for scripts and CI.
import { resolve } from 'node:path';
import { analyze } from '../../shared/analysis/analyze';
import type { AnalysisResult, Finding } from '../../shared/analysis/types';
import { checkBaseUrl, defaultDataDir, externalProviderIsLocal } from '../../electron/backend/ai/cli-ai';
import { readWorkflows } from '../read-workflow';
import { terminalText } from '../terminal-text';
import { listed } from './list';
import { parseCommandArgs } from '../parse-args';
import { EXIT_USAGE, type CliCommand } from '../types';
import { plural } from '../../shared/text';

/** Exit code when there are errors, or more warnings than --max-warnings allows. */
export const EXIT_FINDINGS = 1;
/** Exit code when a file cannot be read or is not a valid workflow (the same code as wrong usage). */
export const EXIT_BAD_FILE = EXIT_USAGE;

const USAGE = `Usage: flowgate lint FILE... [--format text|json] [--max-warnings N] [--ai-base-url URL] [--data-dir DIR]

Checks workflow files (*.flowgate.json): steps that need more than their connections grant,
sensitive actions without an approval, loose ends, and the other rules in docs/rules/.
An n8n workflow file (.json) is recognised and checked through the same conversion as
"flowgate import": findings name its nodes, and AI steps that send, pay or delete without
a person approving first are errors.

Options:
  --format text|json   text (default): one line per finding and a summary line;
                       json: one object with every file's findings and the counts
  --max-warnings N     Fail when there are more than N warnings (default: no limit)
  --ai-base-url URL    The server AI steps marked "external" use; one on this computer
                       (localhost, 127.x, ::1) is not flagged for sensitive data
  --data-dir DIR       Where the app keeps its AI settings, used without --ai-base-url
                       (default ~/.flowgate)

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors, or too many warnings
  2  a file cannot be read or is not a valid workflow, or the options are wrong
`;

interface FileReport {
  file: string;
  result: AnalysisResult;
}

/** What the JSON output holds of a finding: the fields of the CLI format, absent ids omitted. */
function jsonFinding(f: Finding): Record<string, string> {
  const out: Record<string, string> = { ruleId: f.ruleId, severity: f.severity, message: f.message };
  if (f.nodeId !== undefined) out.nodeId = f.nodeId;
  if (f.edgeId !== undefined) out.edgeId = f.edgeId;
  if (f.connectionId !== undefined) out.connectionId = f.connectionId;
  return out;
}

function where(file: string, f: Finding): string {
  const id = f.nodeId ?? f.edgeId ?? f.connectionId;
  return terminalText(id === undefined ? file : `${file}:${id}`);
}

function textReport(reports: FileReport[], unreadable: number, errors: number, warnings: number, infos: number, suppressed: number): string {
  const lines: string[] = [];
  for (const { file, result } of reports) {
    for (const f of result.findings) lines.push(`${where(file, f)} ${f.severity} ${f.ruleId} ${terminalText(f.message)}`);
    // Suppressed findings are listed too, with their reason, so that nothing is hidden silently.
    for (const f of result.suppressed) {
      const reason = f.suppressed?.reason ? `reason: ${terminalText(f.suppressed.reason)}` : 'no reason given';
      lines.push(`${where(file, f)} suppressed ${f.ruleId} ${terminalText(f.message)} (${reason})`);
    }
  }
  const total = errors + warnings + infos;
  const counts = total ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info` : 'no problems found';
  const extra = suppressed ? ` (${suppressed} suppressed)` : '';
  const notRead = unreadable ? `; ${plural(unreadable, 'file')} could not be read` : '';
  const summary = total || !unreadable ? `${counts}${extra}` : `nothing to report${extra}`;
  lines.push(`${plural(reports.length, 'file')} checked: ${summary}${notRead}.`);
  return `${lines.join('\n')}\n`;
}

export const lint: CliCommand = {
  ...listed('lint'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('lint', argv, {
      format: { type: 'string', default: 'text' },
      'max-warnings': { type: 'string' },
      'ai-base-url': { type: 'string' },
      'data-dir': { type: 'string' },
    }, io);
    if (!parsed) return EXIT_USAGE;
    const { values, positionals: files } = parsed;
    const format = values.format;
    if (format !== 'text' && format !== 'json') {
      io.stderr.write(`--format must be "text" or "json", not "${terminalText(format)}".\n`);
      return EXIT_USAGE;
    }
    let maxWarnings = Infinity;
    if (values['max-warnings'] !== undefined) {
      const raw = values['max-warnings'];
      if (!/^\d+$/.test(raw)) {
        io.stderr.write(`--max-warnings must be a whole number from 0, not "${terminalText(raw)}".\n`);
        return EXIT_USAGE;
      }
      maxWarnings = Number(raw);
    }
    if (!files.length) {
      io.stderr.write(`Name at least one workflow file.\n\n${USAGE}`);
      return EXIT_USAGE;
    }

    const baseUrl = values['ai-base-url'];
    const baseUrlProblem = baseUrl === undefined ? null : checkBaseUrl(baseUrl);
    if (baseUrlProblem) {
      io.stderr.write(`${baseUrlProblem}\n`);
      return EXIT_USAGE;
    }
    // The provider settings, not the document, say whether "external" leaves this computer.
    const local = await externalProviderIsLocal({ dataDir: resolve(io.cwd, values['data-dir'] ?? defaultDataDir()), baseUrl });

    const reports: FileReport[] = [];
    let unreadable = 0;
    for (const file of files) {
      const workflows = readWorkflows(resolve(io.cwd, file), file, io);
      if (!workflows) {
        unreadable++;
        continue; // the other files are still checked and reported
      }
      // An n8n file is linted through the same conversion as `flowgate import`; each workflow in it is reported.
      for (const { workflow, shown } of workflows) reports.push({ file: shown, result: analyze(workflow, { externalProviderIsLocal: local }) });
    }

    let errors = 0;
    let warnings = 0;
    let infos = 0;
    let suppressed = 0;
    for (const { result } of reports) {
      errors += result.counts.error;
      warnings += result.counts.warn;
      infos += result.counts.info;
      suppressed += result.counts.suppressed;
    }

    if (format === 'json') {
      const out = {
        files: reports.map(({ file, result }) => ({
          file,
          findings: result.findings.map(jsonFinding),
          suppressed: result.suppressed.map((f) => ({ ...jsonFinding(f), reason: f.suppressed?.reason ?? '' })),
        })),
        errorCount: errors,
        warningCount: warnings,
      };
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout.write(textReport(reports, unreadable, errors, warnings, infos, suppressed));
    }

    if (unreadable > 0) return EXIT_BAD_FILE;
    if (errors > 0) return EXIT_FINDINGS;
    if (warnings > maxWarnings) {
      io.stderr.write(`${plural(warnings, 'warning')} found, more than --max-warnings ${maxWarnings} allows.\n`);
      return EXIT_FINDINGS;
    }
    return 0;
  },
};
