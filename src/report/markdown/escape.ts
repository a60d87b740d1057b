/** Markdown escaping for untrusted text: probe evidence and summaries must never become markup. */

/** Inline text: one line, Markdown punctuation and HTML metacharacters neutralised (safe in table cells). */
export function mdText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]#+!|~]/g, (c) => `\\${c}`);
}

/** An inline code span whose delimiter is longer than any backtick run inside. */
export function mdCode(value: string): string {
  const text = value.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that the content cannot close (the fence is longer than any backtick run in it). */
export function mdFence(content: string, info = ''): string {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${content.replace(/\r/g, '')}\n${fence}`;
}
