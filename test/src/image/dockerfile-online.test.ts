/** The online Dockerfile starts the agent exactly as the offline image does. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AGENT_PATH_IN_IMAGE, DOCKERFILE, FHANDLE_PATH_IN_IMAGE, NODE_PATH_IN_IMAGE } from '../../../src/image/inputs.js';
import { REPO_ROOT } from '../../helpers/paths.js';

test('same entry point, label and busybox location as the offline image', (t) => {
  const online = readFileSync(path.join(REPO_ROOT, 'probes', 'image', 'Dockerfile.online'), 'utf8');
  const cmd = `CMD ["${NODE_PATH_IN_IMAGE}", "${AGENT_PATH_IN_IMAGE}"]`;
  t.true(DOCKERFILE.includes(cmd));
  t.true(online.includes(cmd));
  t.regex(online, /^COPY agent\.mjs \/agent\.mjs$/m);
  t.regex(online, /^LABEL escapekit\.io\/component=probe$/m);
  t.true(online.includes(`COPY fhandle ${FHANDLE_PATH_IN_IMAGE}`), 'the open_by_handle_at helper where the check runs it');
});
