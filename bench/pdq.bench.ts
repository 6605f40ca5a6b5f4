/**
 * PDQ benchmark (issue 9 §4: images inspected per second, PDQ only). On 1024×768 JPEG photos made
 * by the test generator, in one process, one image at a time:
 * - `pdqHash` (decode with sharp, shrunk to 512 on load, then PDQ);
 * - the baseline: the same sharp decode to 512×384 RGB with no hashing (same I/O);
 * - a bare full-size decode (what a naive hasher would start from);
 * - the PDQ arithmetic alone (`pdqFromRgb` on decoded 512×384 pixels, and on full 1024×768 ones).
 * Rounds after a warm-up; medians.
 */
import sharp from 'sharp';
import { pdqFromRgb, pdqHash } from '../src/image/pdq.ts';
import { decodeRgbForPdq } from '../src/image/decode.ts';
import { photoLike, toJpeg } from '../test/image/images.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const IMAGES = 24;
const ROUNDS = 5;

log(`generating ${IMAGES} JPEG photos of 1024×768…`);
const photos: Buffer[] = [];
const fullPixels: { rgb: Uint8Array; width: number; height: number }[] = [];
for (let s = 0; s < IMAGES; s++) {
  const raw = photoLike(1024, 768, 1000 + s);
  photos.push(await toJpeg(raw, 85));
  if (s < 4) fullPixels.push(raw);
}
const meanKb = photos.reduce((n, b) => n + b.length, 0) / photos.length / 1024;
const decoded = await Promise.all(photos.map((p) => decodeRgbForPdq(p)));

interface Timing {
  /** Images per second, wall clock. */
  rate: number;
  /** CPU time per image (user + system, every thread of the process: sharp decodes on libvips threads). */
  cpuMs: number;
  /** Wall time per image, median. */
  p50: number;
}

/**
 * Medians over the rounds (after a warm-up round) of `fn` run on every photo, one at a time. CPU
 * time is reported beside wall time because the machine is shared: on a busy machine the wall
 * clock measures the other processes too, the CPU time measures only this work.
 */
async function measure(fn: (b: Buffer, i: number) => Promise<unknown> | unknown): Promise<Timing> {
  const rates: number[] = [];
  const cpu: number[] = [];
  const times: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (let i = 0; i < photos.length; i++) {
      const s = process.hrtime.bigint();
      await fn(photos[i]!, i);
      if (r > 0) times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    const c = process.cpuUsage(c0);
    if (r > 0) {
      rates.push(photos.length / (Number(process.hrtime.bigint() - t0) / 1e9));
      cpu.push((c.user + c.system) / 1000 / photos.length);
    }
  }
  return { rate: median(rates), cpuMs: median(cpu), p50: median(times) };
}

log('timing pdqHash…');
const full = await measure((b) => pdqHash(b));
log('timing the decode baseline…');
const bare = await measure((b) => decodeRgbForPdq(b));
log('timing a full-size decode…');
const fullDecode = await measure((b) => sharp(b).removeAlpha().raw().toBuffer());
log('timing PDQ arithmetic alone…');
const hashOnly = await measure((_b, i) => {
  const d = decoded[i]!;
  return pdqFromRgb(d.data, d.width, d.height);
});
const hashFullSize = await measure((_b, i) => {
  const d = fullPixels[i % fullPixels.length]!;
  return pdqFromRgb(d.rgb, d.width, d.height);
});

const row = (name: string, t: Timing, digits = 2) =>
  `| ${name} | ${fmt(t.rate)} | ${fmt(t.p50, digits)} | ${fmt(t.cpuMs, digits)} | ${fmt(1000 / t.cpuMs)} |`;

console.log(`## PDQ image hashing (\`npm run bench -- pdq\`)

${IMAGES} generated 1024×768 JPEG photos (quality 85, ${fmt(meanKb, 1)} kB on average), hashed one at a time in one
process (sharp's own thread pool at its default), ${ROUNDS} rounds after a warm-up, medians. \`pdqHash\` decodes with sharp,
shrinking to fit 512×512 while decoding (as the reference tools hash large photos), then runs PDQ in TypeScript.
CPU time counts every thread of the process; images per CPU-second is what one core sustains when the machine is
not shared (the wall-clock columns include whatever else the machine was running at the time).

| pass | images/s (wall) | p50 ms (wall) | CPU ms per image | images per CPU-second |
| --- | ---: | ---: | ---: | ---: |
${row('`pdqHash` (decode + PDQ)', full)}
${row('baseline: the same decode to 512×384 RGB, no hashing', bare)}
${row('bare full-size decode to 1024×768 RGB', fullDecode)}
${row('PDQ arithmetic alone on 512×384 pixels', hashOnly)}
${row('PDQ arithmetic alone on 1024×768 pixels', hashFullSize)}

In CPU time, \`pdqHash\` costs ${fmt(full.cpuMs / bare.cpuMs, 2)}× the decode-only baseline (${fmt(full.cpuMs, 2)} ms against ${fmt(bare.cpuMs, 2)} ms per image);
in wall-clock rate it runs at ${fmt((full.rate / bare.rate) * 100)}% of the baseline's rate.
`);
