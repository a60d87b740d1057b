/** HTML escaping: probe evidence is untrusted, so every string that reaches the page goes through here. */

/** Escapes text for element content and double- or single-quoted attribute values; drops control characters. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Pretty JSON of any value, escaped, in a `<pre>` block. */
export function jsonBlock(value: unknown, className = 'evidence'): string {
  return `<pre class="${className}"><code>${esc(JSON.stringify(value, null, 2) ?? 'null')}</code></pre>`;
}

/** An id fragment safe in `id` attributes and URLs: lowercase letters, digits and dashes. */
export function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}
