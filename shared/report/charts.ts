// Small inline SVG charts for the report: horizontal bars with their labels and values written out,
// so that a chart still reads when printed in black and white. Pure strings, no scripts, no fonts.
import { escapeXml, truncate } from './escape';

export interface Bar {
  label: string;
  value: number;
  /** What is written after the bar ("2,855 · 28.6 %"); the value when absent. */
  display?: string;
  colour?: string;
}

export interface BarChartOptions {
  /** The value of a full bar; the largest value when absent. */
  max?: number;
  width?: number;
  title: string;
  idPrefix?: string;
}

export const CHART_COLOURS = ['#2e6fdb', '#2e9d5b', '#d29922', '#d92d20', '#7a5af8', '#0e9384', '#667085', '#c11574'];

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const width = options.width ?? 640;
  const labelWidth = Math.min(240, Math.max(90, Math.max(0, ...bars.map((b) => b.label.length)) * 6.6 + 12));
  const valueWidth = Math.max(60, Math.max(0, ...bars.map((b) => (b.display ?? String(b.value)).length)) * 6.6 + 12);
  const barArea = Math.max(60, width - labelWidth - valueWidth);
  const rowHeight = 26;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = options.max ?? Math.max(1e-9, ...bars.map((b) => b.value));
  const id = options.idPrefix ?? 'chart';
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title" font-family="${escapeXml(FONT)}">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
  ];
  if (!bars.length) out.push(`<text x="0" y="18" font-size="12" fill="#667085">Nothing to show.</text>`);
  bars.forEach((bar, i) => {
    const y = 4 + i * rowHeight;
    const w = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * barArea) : 0;
    const colour = bar.colour ?? CHART_COLOURS[i % CHART_COLOURS.length];
    out.push(
      `<text x="${labelWidth - 10}" y="${y + 15}" font-size="12" fill="#344054" text-anchor="end">${escapeXml(truncate(bar.label, Math.floor((labelWidth - 12) / 6.4)))}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${barArea}" height="16" rx="3" fill="#f2f4f7"/>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="16" rx="3" fill="${colour}"><title>${escapeXml(`${bar.label}: ${bar.display ?? bar.value}`)}</title></rect>`,
      `<text x="${labelWidth + barArea + 8}" y="${y + 15}" font-size="12" fill="#101828" font-variant-numeric="tabular-nums">${escapeXml(bar.display ?? String(bar.value))}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
