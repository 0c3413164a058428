import { setFlagsFromString } from 'node:v8';

/**
 * How much bytecode a function runs before V8 considers optimising it: about eight times the
 * default of Node 20's V8 (66 KB).
 *
 * The analysis runs a few large functions over many short documents. With V8's default, compiler
 * threads spent about as much CPU optimising them, and re-optimising them after rare paths, as the
 * analysis itself (measured while indexing 10,000 articles with two workers: about 8 s of compiler
 * CPU for 17 s of analysis; 5.5 s with this budget, analysis unchanged).
 */
const INTERRUPT_BUDGET = 520 * 1024;

/**
 * How much bytecode V8 inlines into one optimised function, in all: about a fifth of the default of
 * Node 20's V8 (920 bytes). The analysis's large functions took 130-230 ms each to optimise, in each
 * worker, with everything small they call inlined; optimising compilation was a quarter of the CPU
 * of indexing 10,000 articles. With this limit indexing took 8% less time and CPU (median of 14 runs
 * taken in turn with the default; 200 against 460 bytes: 1%).
 */
const MAX_INLINED_CUMULATIVE = 200;

/**
 * Options of Node for a process that analyses many documents: the language server (the client
 * starts it with them), the command-line tool (`npm run khabar` passes them) and the benchmark's
 * indexing child. They cannot be set at run time.
 *
 * `--v8-pool-size=1`: one V8 helper thread instead of four. The helpers run concurrent garbage
 * collection and optimising compilation for every isolate, workers included; while the workers
 * keep the cores busy, four of them only contend with the analysis. Indexing 10,000 articles with
 * two workers on two cores, in alternating runs: 14.1–16.4 s against 15.7–19.1 s with four.
 */
export const ANALYSIS_EXEC_ARGV: readonly string[] = ['--v8-pool-size=1'];

/**
 * Tunes V8 for analysing many documents. Process-wide, worker threads included: call it first
 * thing in every Khabar process (language server, command-line tool, benchmark). Set here rather
 * than on the command line: an option that a future V8 no longer knows only prints a warning here,
 * where `node --option` would refuse to start.
 */
export function tuneV8ForAnalysis(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${MAX_INLINED_CUMULATIVE}`);
}
