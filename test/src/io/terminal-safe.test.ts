/** Strings from outside reach the terminal with every control character shown escaped. */
import test from 'ava';
import { safeString, terminalSafe, terminalSafeLines } from '../../../src/io/terminal-safe.js';

test('ESC, CR, BEL, backspace, DEL, C1 and bidi overrides are escaped', (t) => {
  t.is(terminalSafe('run\x1b[2K\rbundle x: valid'), 'run\\e[2K\\rbundle x: valid');
  t.is(terminalSafe('a\x07b\x08c\x7fd\x9be'), 'a\\x07b\\x08c\\x7fd\\x9be');
  t.is(terminalSafe('evil\u202etxt.exe'), 'evil\\u202etxt.exe');
  t.is(terminalSafe('line\nbreak\ttab'), 'line\\nbreak\\ttab');
  t.is(terminalSafe('plain ü € 😀'), 'plain ü € 😀');
  t.false(/[\x00-\x1f\x7f-\x9f]/.test(terminalSafe(String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)))));
});

test('multi-line messages keep their line breaks and nothing else', (t) => {
  t.is(terminalSafeLines('a\n  b\x1b[31m\r'), 'a\n  b\\e[31m\\r');
});

test('values with a hostile toString are never converted by calling it', (t) => {
  const hostile = { toString: 1, valueOf: 1 };
  t.is(terminalSafe(hostile), '[object]');
  t.is(safeString([1]), '[array]');
  t.is(safeString(3), '3');
});
