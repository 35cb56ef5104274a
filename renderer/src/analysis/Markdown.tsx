// Just enough Markdown for the rule pages: headings, paragraphs, lists, tables, code blocks, and
// inline code, bold and links. Everything becomes React text, never HTML, so a page cannot inject
// markup. Links to other rule pages open them in place; other links show their target as text.
import type { ReactNode } from 'react';

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'code'; text: string };

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

export function parseBlocks(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
    } else if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
    } else if (/^#{1,6}\s/.test(line)) {
      const m = /^(#+)\s+(.*)$/.exec(line)!;
      blocks.push({ kind: 'heading', level: m[1].length, text: m[2] });
      i++;
    } else if (line.trim().startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i].trim().startsWith('|'); i++) rows.push(cells(lines[i]));
      const hasHead = rows.length > 1 && rows[1].every((c) => /^:?-{2,}:?$/.test(c));
      blocks.push(hasHead ? { kind: 'table', head: rows[0], rows: rows.slice(2) } : { kind: 'table', head: [], rows });
    } else if (/^\s*([-*]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && lines[i].trim(); i++) {
        const m = /^\s*(?:[-*]|\d+\.)\s+(.*)$/.exec(lines[i]);
        if (m) items.push(m[1]);
        else if (items.length) items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      blocks.push({ kind: 'list', ordered, items });
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i].trim() && !/^(#{1,6}\s|```|\s*\||\s*([-*]|\d+\.)\s)/.test(lines[i]); i++) text.push(lines[i].trim());
      blocks.push({ kind: 'paragraph', text: text.join(' ') });
    }
  }
  return blocks;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\[[^\]]+\]\([^)\s]+\))|(\*[^*\s][^*]*\*)/g;

interface Links {
  /** Where a link leads inside the app (a rule id), or null: then its target is shown as a tooltip. */
  resolve(href: string): string | null;
  open(target: string): void;
}

function renderLink(label: string, href: string, key: number, links: Links): ReactNode {
  const target = links.resolve(href);
  return target ? (
    <button key={key} type="button" className="link-btn" onClick={() => links.open(target)}>
      {label}
    </button>
  ) : (
    <span key={key} title={href}>
      {label}
    </span>
  );
}

function inline(text: string, link: Links): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const token = m[0];
    if (m[1]) out.push(<code key={key++}>{token.slice(1, -1)}</code>);
    else if (m[2]) out.push(<strong key={key++}>{inline(token.slice(2, -2), link)}</strong>);
    else if (m[4]) out.push(<em key={key++}>{inline(token.slice(1, -1), link)}</em>);
    else {
      const [, label, href] = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(token)!;
      out.push(renderLink(label, href, key++, link));
    }
    last = m.index + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const NO_LINKS: Links = { resolve: () => null, open: () => {} };

/** One line of text with inline code and bold (rule descriptions). */
export function InlineMarkdown({ text }: { text: string }) {
  return <>{inline(text, NO_LINKS)}</>;
}

export function Markdown({ text, resolveLink, onLink, skipTitle }: { text: string; resolveLink: Links['resolve']; onLink: Links['open']; skipTitle?: boolean }) {
  const blocks = parseBlocks(text);
  const link: Links = { resolve: resolveLink, open: onLink };
  return (
    <div className="markdown">
      {blocks.map((b, i) => {
        if (b.kind === 'heading') {
          if (skipTitle && b.level === 1 && i === 0) return null;
          return b.level <= 2 ? <h3 key={i}>{inline(b.text, link)}</h3> : <h4 key={i}>{inline(b.text, link)}</h4>;
        }
        if (b.kind === 'paragraph') return <p key={i}>{inline(b.text, link)}</p>;
        if (b.kind === 'code')
          return (
            <pre key={i}>
              <code>{b.text}</code>
            </pre>
          );
        if (b.kind === 'list') {
          const items = b.items.map((item, j) => <li key={j}>{inline(item, link)}</li>);
          return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
        }
        return (
          <table key={i}>
            {b.head.length ? (
              <thead>
                <tr>
                  {b.head.map((c, j) => (
                    <th key={j}>{inline(c, link)}</th>
                  ))}
                </tr>
              </thead>
            ) : null}
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>
                  {r.map((c, k) => (
                    <td key={k}>{inline(c, link)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
