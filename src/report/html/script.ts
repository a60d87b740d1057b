/**
 * The page's one tiny inline script: expand/collapse all, open a verdict when its anchor is
 * followed, open every boundary (not every check's evidence: use "Expand all" for that) before printing. The page works without it (plain <details>).
 * Its SHA-256 goes into the page's Content-Security-Policy, so no other script can run.
 */
import { createHash } from 'node:crypto';

/** The script source, as placed in the page. */
export const PAGE_SCRIPT = `(function () {
  var set = function (open, sel) { document.querySelectorAll(sel || 'details').forEach(function (d) { d.open = open; }); };
  var reveal = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var n = el; n; n = n.parentElement) if (n.tagName === 'DETAILS') n.open = true;
  };
  document.querySelectorAll('[data-expand]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { set(b.getAttribute('data-expand') === 'open'); });
  });
  window.addEventListener('hashchange', reveal);
  window.addEventListener('beforeprint', function () { set(true, 'details.boundary, details.fingerprint, details.posture'); });
  reveal();
  document.documentElement.setAttribute('data-script', 'ok');
})();`;

/** CSP source expression for a piece of inline code. */
export function cspHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}
