/**
 * `npm run bench:batch [-- --sizes 10000,100000] [--workers 2] [--seed N] [--keep]`: the
 * partitioned batch job (batch/dask_job.py) on a local Dask cluster over generated archives. For
 * each size: the wall time, the largest partition and the largest task of each reduce step (in
 * frames, against the archive's), and the peak memory of the largest reduce task (the Node step's
 * maximum resident set) and of a Dask worker process.
 *
 * `--write-corpus N DIR [--seed S]` writes N generated articles into DIR (the Dask test's archive).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateArticles, organizationsFromKnowledge, placesFromKnowledge } from './generate';

const ROOT = join(__dirname, '..');
const KNOWLEDGE = join(ROOT, 'knowledge');

/** The Python that has Dask: $KHABAR_PYTHON, else Debian's /usr/bin/python3, else python3. */
export function python(): string {
  return process.env.KHABAR_PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

/** Writes `count` generated articles (the bench's generator) into `dir`. */
export function writeArticles(count: number, seed: number, dir: string): number {
  const raw = readdirSync(KNOWLEDGE).filter((f) => f.endsWith('.json')).flatMap((f) => (JSON.parse(readFileSync(join(KNOWLEDGE, f), 'utf8')) as { entities: unknown[] }).entities);
  let bytes = 0;
  for (const a of generateArticles({ seed, count, places: placesFromKnowledge(raw), organizations: organizationsFromKnowledge(raw) })) {
    const file = join(dir, a.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, a.text);
    bytes += Buffer.byteLength(a.text);
  }
  return bytes;
}

/** What the job says of itself (`--stats`). */
interface JobStats {
  documents: number; frames: number; chunk: number; links: number; chosenLinks: number; events: number; wallSeconds: number;
  largestPartitionKey: number; largestConnectedPart: number; workerPeakRssMb: number; driverPeakRssMb: number;
  seconds: Record<string, number>;
  steps: Record<'analyze' | 'links' | 'events' | 'assemble', StepStats>;
}
interface StepStats { partitions: number; largestPartition: number; largestTask: number; peakRssMb: number }

const value = (argv: string[], name: string) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

/** Runs the job over one generated archive and prints its figures. */
function benchOne(size: number, seed: number, workers: number, keep: boolean): JobStats {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-batch-'));
  const articles = join(dir, 'articles');
  const mb = writeArticles(size, seed, articles) / 1048576;
  const started = Date.now();
  const run = spawnSync(python(), [join(ROOT, 'batch', 'dask_job.py'), articles, '--workers', String(workers), '--out', join(dir, 'out'), '--stats', join(dir, 'stats.json')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const totalS = (Date.now() - started) / 1000;
  if (run.status !== 0 && !existsSync(join(dir, 'stats.json'))) throw new Error(`the job over ${size} articles failed (exit ${run.status})`);
  const s = JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')) as JobStats;
  const { links, events } = s.steps;
  console.log(`${size.toLocaleString('en')} articles (${mb.toFixed(0)} MB), ${workers} workers: ${s.documents} documents, ${s.frames} frames, ${s.links} links chosen by the link tasks, ${s.chosenLinks} followed, ${s.events} events`);
  console.log(`  wall time: ${s.wallSeconds} s for the job (${totalS.toFixed(0)} s with the cluster's start): ${Object.entries(s.seconds).map(([k, v]) => `${k} ${v} s`).join(', ')}`);
  console.log(`  largest partition key: ${s.largestPartitionKey} frames (${pct(s.largestPartitionKey, s.frames)}), chunk ${s.chunk}; largest connected part ${s.largestConnectedPart} frames`);
  for (const [name, step] of [['links', links], ['events', events]] as const) {
    console.log(`  ${name} step: ${step.partitions} partitions, the largest ${step.largestPartition} frames (${pct(step.largestPartition, s.frames)} of the archive's), its largest task ${step.largestTask} (${pct(step.largestTask, s.frames)}); peak of a Node step ${step.peakRssMb} MB`);
  }
  console.log(`  analyze step: ${s.steps.analyze.partitions} partitions, peak ${s.steps.analyze.peakRssMb} MB; assemble (the writer, one process): ${s.steps.assemble.peakRssMb} MB`);
  console.log(`  Python: a Dask worker process ${s.workerPeakRssMb} MB at its peak, the driver ${s.driverPeakRssMb} MB`);
  if (keep) console.log(`  kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  return s;
}

/** `--batch` and `--write-corpus`. */
export function batchMain(argv: string[]): void {
  const seed = Number(value(argv, '--seed') ?? 20261122);
  const write = argv.indexOf('--write-corpus');
  if (write >= 0) {
    const bytes = writeArticles(Number(argv[write + 1]), seed, argv[write + 2]);
    console.log(`${argv[write + 1]} articles, ${(bytes / 1048576).toFixed(1)} MB, in ${argv[write + 2]}`);
    return;
  }
  const sizes = (value(argv, '--sizes') ?? '10000,100000').split(',').map(Number);
  const workers = Number(value(argv, '--workers') ?? 2);
  const rows = sizes.map((n) => benchOne(n, seed, workers, argv.includes('--keep')));
  console.log(`bench-batch: ${rows.map((s, i) => `n${sizes[i]}_wall_s=${s.wallSeconds} n${sizes[i]}_largest_partition_pct=${(100 * Math.max(s.steps.links.largestPartition, s.steps.events.largestPartition) / s.frames).toFixed(1)} n${sizes[i]}_reduce_peak_mb=${Math.max(s.steps.links.peakRssMb, s.steps.events.peakRssMb)}`).join(' ')}`);
}
