/** `escapekit image build`: builds (or finds) the probe image and prints its tag and size. */
import { parse } from '../cli/args.js';
import { connectDocker } from '../docker/client.js';
import { UsageError } from '../errors.js';
import { ensureProbeImage } from '../image/build.js';

/** Builds the probe image; returns the exit code. */
export async function imageCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { force: { type: 'boolean' } }, 'image');
  if (positionals[0] !== 'build' || positionals.length !== 1) throw new UsageError("image: expected 'image build'");
  const started = performance.now();
  const image = await ensureProbeImage(await connectDocker(), { force: values.force === true });
  const mb = (image.sizeBytes / 1e6).toFixed(1);
  process.stderr.write(`${image.built ? 'built' : 'up to date'}: ${image.tag} (${mb} MB, busybox ${image.busybox ? 'included' : 'MISSING: active checks will be inconclusive'}) in ${Math.round(performance.now() - started)} ms\n`);
  process.stdout.write(`${image.tag}\n`);
  return 0;
}
