/** The bounded socket walk says how far it got: a stopped walk is never reported complete. */
import test from 'ava';
import net from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { walkForSockets } from '../../../probes/lib/socket-walk.js';

const dir = mkdtempSync(path.join(tmpdir(), 'escapekit-walk-'));
const servers: net.Server[] = [];
test.after.always(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function listen(p: string): Promise<void> {
  mkdirSync(path.dirname(p), { recursive: true });
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(p, resolve));
}

test.serial('finds a socket six levels down and reports the walk complete, with the host-side path', async (t) => {
  const root = path.join(dir, 'deep');
  await listen(path.join(root, 'a/b/c/d/e/api.sock'));
  writeFileSync(path.join(root, 'a/file'), 'x');
  const { sockets, report } = await walkForSockets([{ dir: root, hostRoot: '/srv' }], new Set());
  t.deepEqual(sockets, [{ path: `${root}/a/b/c/d/e/api.sock`, hostPath: '/srv/a/b/c/d/e/api.sock' }]);
  t.true(report.complete);
  t.deepEqual(report.stoppedBy, []);
});

test.serial('depth, entry and time budgets and unreadable directories make the walk incomplete, naming where', async (t) => {
  const root = path.join(dir, 'deep');
  const depth = await walkForSockets([{ dir: root }], new Set(), { entries: 1000, depth: 3, timeMs: 5000 });
  t.false(depth.report.complete);
  t.deepEqual(depth.report.stoppedBy, ['depth']);
  t.deepEqual(depth.sockets, []);
  t.true(depth.report.notListed[0].endsWith('/a/b/c'));
  const entries = await walkForSockets([{ dir: root }], new Set(), { entries: 2, depth: 10, timeMs: 5000 });
  t.deepEqual(entries.report.stoppedBy, ['entries']);
  t.false(entries.report.complete);
  const time = await walkForSockets([{ dir: root }], new Set(), { entries: 1000, depth: 10, timeMs: -1 });
  t.deepEqual(time.report.stoppedBy, ['time']);
  const missing = await walkForSockets([{ dir: path.join(dir, 'none') }], new Set());
  t.deepEqual(missing.report.stoppedBy, ['unreadable']);
  t.false(missing.report.complete);
});

test.serial('skipped paths (pseudo file systems, nested mounts walked on their own) are not entered', async (t) => {
  const root = path.join(dir, 'deep');
  const { sockets, report } = await walkForSockets([{ dir: root }], new Set([path.join(root, 'a/b')]));
  t.deepEqual(sockets, []);
  t.true(report.complete);
});
