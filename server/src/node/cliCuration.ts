/**
 * The curation file of the command line (`--curation FILE`, else the `.khabar/curation.*` of the
 * folders exported): read and checked, its problems and its stale corrections said on stderr with
 * the file's name and line, as `khabar: FILE:LINE: …`.
 */
import { relative } from 'node:path';
import type { Correction } from '../core/curation';
import type { CurationFinding } from '../core/curationApply';
import { findCurationFile, placeFindings, readCurationFile, type ReadCuration } from '../curationFiles';
import { positionOf } from '../knowledgeFiles';

/** The corrections of a command, and what to say of them. */
export interface CliCuration {
  corrections: Correction[];
  /** A file could not be read, parsed or had entries skipped (the exit code says so). */
  failed: boolean;
  /** Says the stale corrections on stderr, each at its entry. */
  reportStale(findings: readonly CurationFinding[]): void;
}

const NONE: CliCuration = { corrections: [], failed: false, reportStale: () => {} };

/**
 * The corrections of the files given (`--curation`, resolved by `resolve`), or when none is given
 * of the folders' `.khabar/curation.json|yaml|yml` (`none` given turns them off). Files are read in
 * order; their corrections follow each other.
 */
export async function curationFor(given: readonly string[], folders: readonly string[], resolve: (p: string) => string, base: string): Promise<CliCuration> {
  if (given.length === 1 && given[0] === 'none') return NONE;
  const reads: ReadCuration[] = [];
  if (given.length) for (const g of given) reads.push(await readCurationFile(resolve(g)));
  else for (const folder of folders) { const r = await findCurationFile(folder); if (r) reads.push(r); }
  const shown = (p: string) => relative(base, p) || p;
  let failed = false;
  const corrections: Correction[] = [];
  const files: Extract<ReadCuration, { ok: true }>[] = [];
  for (const r of reads) {
    if (!r.ok) { console.error(`khabar: ${shown(r.path)}: ${r.missing ? 'no such curation file' : r.message}`); failed = true; continue; }
    for (const p of r.parsed.problems) console.error(`khabar: ${shown(r.path)}:${positionOf(r.text, p.start).line + 1}: ${p.message}`);
    if (r.parsed.problems.length) failed = true;
    files.push(r);
    corrections.push(...r.parsed.curation.corrections);
  }
  const reportStale = (findings: readonly CurationFinding[]) => {
    for (const read of files) {
      const own = findings.filter((f) => read.parsed.curation.corrections.some((c) => c.id === f.id));
      for (const w of placeFindings(read.parsed, own)) console.error(`khabar: ${shown(read.path)}:${positionOf(read.text, w.start).line + 1}: ${w.message}`);
    }
  };
  return { corrections, failed, reportStale };
}
