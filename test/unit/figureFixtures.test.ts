// Scores the figure extractor on the annotated sentences of test/fixtures/figures/<lang>.json,
// written independently of the engine. The thresholds are floors that a regression breaks.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Figure } from '../../server/src/core';
import { readFixture, root, sharedAnalyzer } from './helpers';

interface Expected { kind: string; group: string; low: number; high: number | null; approximate?: boolean; words?: string }
interface Case { text: string; figures: Expected[]; note?: string }

const parent: Record<string, string> = { police: 'security', military: 'security' };
const groupOk = (e: string, p: string) => e === p || parent[p] === e || parent[e] === p;
const hi = (x: number | null) => (x === null ? Infinity : x);
const valueOk = (e: Expected, f: Figure) =>
  e.approximate || f.approximate ? Math.max(e.low, f.low) <= Math.min(hi(e.high), hi(f.high)) : e.low === f.low && hi(e.high) === hi(f.high);

/** Matches predicted to expected figures of one sentence, one to one. */
function score(c: Case, figures: Figure[]): { tp: number; misses: Expected[]; extras: Figure[] } {
  const left = [...figures];
  const misses: Expected[] = [];
  for (const e of c.figures) {
    const i = left.findIndex((f) => f.kind === e.kind && groupOk(e.group, f.group) && valueOk(e, f));
    if (i < 0) misses.push(e); else left.splice(i, 1);
  }
  return { tp: c.figures.length - misses.length, misses, extras: left };
}

const floors: Record<string, { precision: number; recall: number }> = {
  en: { precision: 0.97, recall: 0.95 },
  ar: { precision: 0.95, recall: 0.95 },
  fa: { precision: 0.95, recall: 0.95 },
};

for (const lang of ['en', 'ar', 'fa']) {
  const file = join(root, 'test', 'fixtures', 'figures', `${lang}.json`);
  test(`figures on independent ${lang} fixtures`, { skip: !existsSync(file) && 'no fixture file' }, () => {
    const cases = readFixture<Case[]>(`figures/${lang}.json`);
    assert.ok(cases.length >= 30, 'fixture file too small to measure anything');
    let tp = 0, expected = 0, predicted = 0;
    const report: string[] = [];
    for (const c of cases) {
      const a = sharedAnalyzer().analyze({ text: c.text });
      assert.equal(a.language, lang, `language of «${c.text}»`);
      const s = score(c, a.figures);
      tp += s.tp; expected += c.figures.length; predicted += a.figures.length;
      for (const m of s.misses) report.push(`  missed ${m.kind} ${m.group} ${m.low}..${m.high ?? ''} in «${c.text}»`);
      for (const x of s.extras) report.push(`  extra  ${x.kind} ${x.group} ${x.low}..${x.high ?? ''} «${x.text}» in «${c.text}»`);
    }
    const precision = predicted ? tp / predicted : 1;
    const recall = expected ? tp / expected : 1;
    console.log(`${lang}: ${cases.length} sentences, precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (${tp}/${predicted} predicted, ${tp}/${expected} expected)`);
    if (process.env.KHABAR_VERBOSE) console.log(report.join('\n'));
    assert.ok(precision >= floors[lang].precision, `precision ${precision.toFixed(3)} < ${floors[lang].precision}\n${report.join('\n')}`);
    assert.ok(recall >= floors[lang].recall, `recall ${recall.toFixed(3)} < ${floors[lang].recall}\n${report.join('\n')}`);
  });
}
