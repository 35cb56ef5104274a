// The report's public surface: a Markdown or self-contained HTML report of a workflow, and the pieces
// (diagram, charts, rehearsals) the app can reuse.
export { barChartSvg, type Bar, type BarChartOptions } from './charts';
export { diagramSvg, NODE_HEIGHT, NODE_WIDTH, type DiagramOptions, type Mark } from './diagram-svg';
export { renderHtml, REPORT_CSP, reportHtml } from './html';
export { renderMarkdown, reportMarkdown, type MarkdownOptions } from './markdown';
export { buildReport, type ConnectionRow, type FindingRow, type ReportInput, type ReportModel } from './model';
export { rehearsalOf, rehearseScenarios, type ScenarioRehearsal } from './scenarios';
