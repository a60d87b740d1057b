/** Markdown escaping for untrusted text: probe evidence and summaries must never become markup, nor terminal controls when printed. */
import { terminalSafe, terminalSafeLines } from '../../io/terminal-safe.js';

// C0 (but whitespace), DEL, C1 controls and bidi / line separators: removed from prose.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Inline text: one line, Markdown punctuation and HTML metacharacters neutralised (safe in table cells). */
export function mdText(value: string): string {
  return value
    .replace(CONTROLS, '')
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]#+!|~]/g, (c) => `\\${c}`);
}

/** An inline code span whose delimiter is longer than any backtick run inside. */
export function mdCode(value: string): string {
  const text = terminalSafe(value.replace(/\s+/g, ' '));
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block that the content cannot close (the fence is longer than any backtick run in it). */
export function mdFence(content: string, info = ''): string {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${terminalSafeLines(content.replace(/\r/g, ''))}\n${fence}`;
}
