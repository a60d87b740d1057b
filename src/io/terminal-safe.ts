/**
 * Terminal-safe text: every string that came from outside (bundle contents, probe output, file
 * names, arguments, API messages) passes through here before it reaches a terminal, so ESC,
 * CR, backspace, C1 controls and bidirectional overrides cannot redraw a line or hide text.
 */

// C0 controls, DEL, C1 controls, and Unicode bidi / line separators that reorder or break what is shown.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const UNSAFE_KEEP_NEWLINES = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x1b': '\\e' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `value` with every control character shown escaped (`\e`, `\r`, `\x07`, `\u202e`...). */
export function terminalSafe(value: unknown): string {
  return String(typeof value === 'string' ? value : safeString(value)).replace(UNSAFE, escapeChar);
}

/** Like terminalSafe, but line breaks stay (for multi-line messages built by escapekit itself). */
export function terminalSafeLines(value: string): string {
  return value.replace(UNSAFE_KEEP_NEWLINES, escapeChar);
}

/** String of any value without ever calling a hostile toString (objects become their JSON type name). */
export function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return '[array]';
  return `[${typeof value}]`;
}
