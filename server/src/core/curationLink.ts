import type { Correction } from './curation';
import { curateEvents, type CurationFinding } from './curationApply';
import { framesOf } from './events';
import type { ExportInput, PreLinked } from './export';
import type { KnowledgeBase } from './knowledge';
import { linkEvents } from './linker';

/** The corrections of each document, in the order of the file, with their positions in it. */
export function correctionsByDocument(corrections: readonly Correction[]): Map<string, { correction: Correction; order: number }[]> {
  const out = new Map<string, { correction: Correction; order: number }[]>();
  corrections.forEach((correction, order) => {
    const list = out.get(correction.document);
    if (list) list.push({ correction, order }); else out.set(correction.document, [{ correction, order }]);
  });
  return out;
}

/**
 * Links analysed documents (already curated one by one) and applies the report corrections to
 * their events: what `buildExport` takes as events already linked, for the command line and the
 * batch `link`. Documents are named by their paths as in the inputs.
 */
export function linkCurated(inputs: readonly ExportInput[], corrections: readonly Correction[], kb: KnowledgeBase | undefined): { linked: PreLinked; findings: CurationFinding[] } {
  const frames = inputs.flatMap((input, i) => framesOf(input.analysis, i, kb));
  const published = (d: number) => inputs[d]?.analysis.published ?? null;
  const byPath = new Map(inputs.map((x, i) => [x.path, i]));
  const curated = curateEvents(linkEvents(frames, published, kb), corrections, (p) => byPath.get(p), kb);
  return { linked: { events: curated.events, position: (d) => d, published }, findings: curated.findings };
}
