// The report's stylesheet: one inline <style>, system fonts only, readable on screen and in print
// (A4, the diagram fitted to the page width). Nothing here loads anything.
export const REPORT_CSS = `
:root { --ink: #101828; --text: #344054; --muted: #667085; --line: #eaecf0; --soft: #f9fafb; --accent: #2e6fdb;
  --ok: #067647; --ok-bg: #ecfdf3; --warn: #b54708; --warn-bg: #fffaeb; --bad: #b42318; --bad-bg: #fef3f2; --info: #175cd3; --info-bg: #eff8ff; }
* { box-sizing: border-box; }
html { background: #f2f4f7; }
body { margin: 0; color: var(--text); font: 14px/1.55 -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; -webkit-font-smoothing: antialiased; }
.page { max-width: 1080px; margin: 32px auto; background: #fff; border: 1px solid var(--line); border-radius: 14px; box-shadow: 0 1px 3px rgba(16,24,40,.06); overflow: hidden; }
header.cover { padding: 40px 48px 32px; background: linear-gradient(135deg, #0b1d3a 0%, #1d3f73 60%, #2e6fdb 100%); color: #fff; }
.eyebrow { text-transform: uppercase; letter-spacing: .14em; font-size: 11px; font-weight: 700; opacity: .75; }
header.cover h1 { margin: 8px 0 10px; font-size: 32px; line-height: 1.2; color: #fff; letter-spacing: -.01em; }
header.cover p.lead { margin: 0 0 22px; max-width: 760px; font-size: 15px; color: rgba(255,255,255,.86); }
.meta { display: flex; flex-wrap: wrap; gap: 10px 28px; margin: 0; font-size: 13px; }
.meta div { display: flex; flex-direction: column; }
.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: .08em; opacity: .7; }
.meta dd { margin: 2px 0 0; font-weight: 600; color: #fff; }
main { padding: 8px 48px 40px; }
section { padding-top: 28px; }
section + section { border-top: 1px solid var(--line); margin-top: 28px; }
h2 { margin: 0 0 4px; font-size: 20px; color: var(--ink); letter-spacing: -.01em; }
h3 { margin: 22px 0 8px; font-size: 15px; color: var(--ink); }
p.sub { margin: 0 0 16px; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; margin-top: 16px; }
.card { border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px 16px; background: var(--soft); position: relative; }
.card::before { content: ''; position: absolute; left: 0; top: 12px; bottom: 12px; width: 4px; border-radius: 0 4px 4px 0; background: var(--muted); }
.card.ok::before { background: #17b26a; } .card.warn::before { background: #f79009; } .card.bad::before { background: #f04438; }
.card .k { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
.card .v { font-size: 24px; font-weight: 700; color: var(--ink); margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.card .d { font-size: 12.5px; color: var(--text); }
.meter { height: 6px; background: #e4e7ec; border-radius: 3px; margin: 8px 0 6px; overflow: hidden; }
.meter span { display: block; height: 100%; background: #17b26a; border-radius: 3px; }
ul.glance { margin: 18px 0 0; padding-left: 20px; }
ul.glance li { margin: 3px 0; overflow-wrap: anywhere; }
figure.diagram { margin: 12px 0 0; border: 1px solid var(--line); border-radius: 12px; background: #fff; overflow: hidden; }
figure.diagram .scroll { overflow-x: auto; padding: 8px; }
figure.diagram svg { display: block; height: auto; }
figure.diagram figcaption { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; padding: 10px 14px; border-top: 1px solid var(--line); background: var(--soft); font-size: 12px; color: var(--muted); }
.zoom { display: none; }
figure.diagram svg { width: min(100%, var(--natural-width)); max-width: none; }
.zoom:checked + figure.diagram svg { width: min(var(--natural-width), max(100%, var(--readable-width))); }
label.zoom-label { margin-left: auto; cursor: pointer; color: var(--accent); font-weight: 600; user-select: none; }
.zoom:checked + figure.diagram .label-fit, .zoom:not(:checked) + figure.diagram .label-readable { display: none; }
.key { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 10px; height: 10px; border-radius: 3px; display: inline-block; }
.line-key { width: 22px; height: 0; border-top: 2px solid #98a2b3; display: inline-block; }
.line-key.exc { border-top: 2px dashed #d29922; } .line-key.appr { border-top-color: #2e9d5b; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin-top: 8px; }
th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; padding: 8px 10px; border-bottom: 1px solid var(--line); background: var(--soft); }
td { padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.q { width: 30%; font-weight: 600; color: var(--ink); }
td ul { margin: 0; padding-left: 18px; } td li + li { margin-top: 3px; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f2f4f7; border: 1px solid #e4e7ec; border-radius: 5px; padding: 1px 5px; color: #1d2939; white-space: nowrap; }
ul.notes li { white-space: pre-wrap; margin: 4px 0; }
.pill { display: inline-block; font-size: 11.5px; font-weight: 600; border-radius: 999px; padding: 1px 9px; white-space: nowrap; }
.pill.ok { color: var(--ok); background: var(--ok-bg); } .pill.warn { color: var(--warn); background: var(--warn-bg); }
.pill.bad { color: var(--bad); background: var(--bad-bg); } .pill.info { color: var(--info); background: var(--info-bg); } .pill.muted { color: var(--muted); background: #f2f4f7; }
.open-item { border-left: 3px solid #f04438; padding-left: 10px; }
.open-item .fix { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
.checklists { display: grid; grid-template-columns: 1fr; gap: 8px; }
.hint { color: var(--muted); font-size: 12.5px; margin-top: 3px; }
.reason { font-style: italic; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 14px 0 6px; }
.figure { border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
.figure .k { font-size: 12px; color: var(--muted); }
.figure .v { font-size: 19px; font-weight: 700; color: var(--ink); font-variant-numeric: tabular-nums; }
.figure .s { font-size: 12px; color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-top: 14px; }
.chart { border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; }
.chart h4 { margin: 0 0 6px; font-size: 13px; color: var(--ink); }
.chart svg { width: 100%; height: auto; display: block; }
.settings { font-size: 13px; color: var(--text); background: var(--soft); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; margin-top: 12px; }
.empty { color: var(--muted); font-style: italic; }
.omissions { margin: 24px 0 0; padding: 12px 16px; border: 1px solid #fedf89; border-radius: 10px; background: var(--warn-bg); color: var(--text); font-size: 13px; }
.omissions strong { color: var(--warn); }
.omissions ul { margin: 6px 0 0; padding-left: 20px; }
footer { padding: 18px 48px 26px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); background: var(--soft); }
@media (max-width: 860px) { .cards, .figures { grid-template-columns: repeat(2, 1fr); } .charts { grid-template-columns: 1fr; } main, header.cover, footer { padding-left: 22px; padding-right: 22px; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { background: #fff; }
  .page { margin: 0; border: 0; border-radius: 0; box-shadow: none; max-width: none; }
  header.cover { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .card, .pill, .meter span, th, code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.diagram svg { width: 100% !important; }
  label.zoom-label { display: none; }
  h2, h3 { break-after: avoid; } figure, .chart, .card, .figure { break-inside: avoid; }
  main, header.cover, footer { padding-left: 0; padding-right: 0; }
  header.cover { padding: 24px; }
}
`;
