/** Help as a user asks for it: `help`, `--help`, and `COMMAND --help`. */
import test from 'ava';
import { runCli } from '../../helpers/cli.js';

for (const argv of [['help'], ['--help'], ['run', '--help'], ['cleanup', '-h'], ['list', '--help']]) {
  test(`'${argv.join(' ')}' prints the usage with every run option and exits 0`, async (t) => {
    const r = await runCli(argv);
    t.is(r.code, 0);
    for (const option of ['--target', '--suite', '--report', '--nodes', '--image', '--kubeconfig', '--baseline', '--bundle', '--network']) {
      t.true(r.stdout.includes(option), option);
    }
    t.is(r.stderr, '');
  });
}

test('no command prints the usage and exits 2', async (t) => {
  const r = await runCli([]);
  t.is(r.code, 2);
});

test('an unknown command is named even with --help', async (t) => {
  const r = await runCli(['frobnicate', '--help']);
  t.is(r.code, 2);
  t.regex(r.stderr, /unknown command 'frobnicate'/);
});
