/**
 * The quick fixes of issue 18, where the reader sees the problem: on a figure, on a conflict
 * diagnostic, on a name. Each one is a correction anchored with `makeAnchor` (or a new entity of
 * the workspace knowledge base). A fix runs a client command with it: `khabar.curation.apply`,
 * or `khabar.curation.ask` when it needs an answer (a value, a reason, an entity); the client sends
 * it back (`khabar/addCorrections`, `khabar/addKnowledge`) and the server writes it through a
 * workspace edit (`workspace/applyEdit`: Undo works). The file is read then, not at every move of
 * the cursor, and the client saves the file before and after, so that the server reads what the
 * editor holds.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { makeAnchor, type CurationChange, type CurationTarget } from '../core/curation';
import type { EntityMention, Figure, IndexedAnalysis, VictimGroup } from '../core/types';
import type { AddKnowledgeParams, CorrectionParams } from '../protocol';
import { formatValue, groupWord, isolate } from '../wording';

/** What a quick fix writes (the argument of `khabar.curation.apply`): corrections, or an entity of the knowledge base. */
export type CurationActionData = { khabar: 'corrections'; corrections: CorrectionParams[] } | { khabar: 'knowledge'; entity: AddKnowledgeParams };

/** What {@link AskArguments.ask} asks for. */
export type AskKind = 'value' | 'reason' | 'sameAs' | 'coordinates';

/** The argument of the client command `khabar.curation.ask`: a correction (or an entity) to complete with the user's answer. */
export interface AskArguments {
  ask: AskKind;
  /** The correction to complete (`value`: the change's low and high; `reason`: its reason; `sameAs`: the change's entity). */
  correction?: CorrectionParams;
  /** The entity to complete (`coordinates`). */
  entity?: AddKnowledgeParams;
  /** What the figure says now (`value`), or the name's type (`sameAs`). */
  current?: { low: number; high: number | null } | { type: EntityMention['type'] };
}

/** The command of the quick fixes that need an answer. */
export const ASK_COMMAND = 'khabar.curation.ask';
/** The command of the other quick fixes. */
export const APPLY_COMMAND = 'khabar.curation.apply';

const KINDS: readonly Figure['kind'][] = ['killed', 'injured', 'arrested'];
const GROUPS: readonly VictimGroup[] = ['people', 'civilians', 'security', 'police', 'military', 'perpetrators'];
const KIND_WORDS: Record<Figure['kind'], string> = { killed: 'people killed', injured: 'people injured', arrested: 'people arrested' };
const TYPE_WORDS: Record<EntityMention['type'], string> = { place: 'place', person: 'person', organization: 'organisation' };

/** The document and the request the quick fixes are for: offsets into the analysed text. */
export interface ActionRequest {
  uri: string;
  text: string;
  analysis: IndexedAnalysis;
  /** The selection (or the cursor) as offsets. */
  start: number;
  end: number;
  /** The diagnostics of the request's context, with their ranges as offsets. */
  diagnostics: { diagnostic: Diagnostic; start: number; end: number }[];
}

/** The smallest of `spans` that holds the offset, else the first that overlaps the selection. */
function spanAt<T extends { start: number; end: number }>(spans: readonly T[], start: number, end: number): T | undefined {
  let best: T | undefined;
  for (const s of spans) {
    const holds = s.start <= start && start < s.end;
    if (holds && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best ?? spans.find((s) => s.start < end && start < s.end);
}

const fix = (title: string, data: CurationActionData, extra: Partial<CodeAction> = {}): CodeAction => ({ title, kind: CodeActionKind.QuickFix, command: { title, command: APPLY_COMMAND, arguments: [data] }, ...extra });

const ask = (title: string, args: AskArguments, extra: Partial<CodeAction> = {}): CodeAction => ({ title, kind: CodeActionKind.QuickFix, command: { title, command: ASK_COMMAND, arguments: [args] }, ...extra });

const corrections = (...list: CorrectionParams[]): CurationActionData => ({ khabar: 'corrections', corrections: list });

function correction(uri: string, target: CurationTarget, change: CurationChange): CorrectionParams {
  return { uri, target, change };
}

/** The fixes of a figure: not a casualty figure, another kind, another group, another value, approximate or exact. */
export function figureActions(uri: string, text: string, f: Figure): CodeAction[] {
  const target = makeAnchor(text, f.start, f.end, 'figure');
  const one = (change: CurationChange) => corrections(correction(uri, target, change));
  const words = `\u201C${isolate(f.text)}\u201D`;
  return [
    fix(`Khabar: ${words} is not a casualty figure`, one({ op: 'notCasualty' })),
    ...KINDS.filter((k) => k !== f.kind).map((kind) => fix(`Khabar: ${words} counts ${KIND_WORDS[kind]}`, one({ op: 'kind', kind }))),
    ...GROUPS.filter((g) => g !== f.group).map((group) => fix(`Khabar: the victims of ${words} are ${groupWord(group)}`, one({ op: 'group', group }))),
    ask(`Khabar: correct the value of ${words} (${formatValue(f)})\u2026`, { ask: 'value', correction: correction(uri, target, { op: 'value', low: f.low, high: f.high }), current: { low: f.low, high: f.high } }),
    fix(`Khabar: ${words} is ${f.approximate ? 'exact' : 'approximate'}`, one({ op: 'approximate', approximate: !f.approximate })),
  ];
}

/** The fixes of a conflict diagnostic on one of this document's figures: adjudicate, an update, not a disagreement. */
export function conflictActions(uri: string, text: string, f: Figure, diagnostic: Diagnostic): CodeAction[] {
  const target = makeAnchor(text, f.start, f.end, 'figure');
  const one = (change: CurationChange) => corrections(correction(uri, target, change));
  const diagnostics = [diagnostic];
  return [
    ask(`Khabar: keep this source's figure (${formatValue(f)}) as the event's best estimate\u2026`, { ask: 'reason', correction: correction(uri, target, { op: 'adjudicate' }) }, { diagnostics, isPreferred: true }),
    fix('Khabar: the sources disagree because the toll was updated (not a conflict)', one({ op: 'update' }), { diagnostics }),
    fix('Khabar: the sources do not disagree', one({ op: 'notConflict' }), { diagnostics }),
  ];
}

/** The language of a name as written: its script, and the article's language for Arabic script. */
export function nameLanguage(text: string, articleLanguage: string): string {
  if (/\p{Script=Arabic}/u.test(text)) return articleLanguage === 'fa' || articleLanguage === 'ar' ? articleLanguage : 'ar';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'ru';
  return 'en';
}

/** The fixes of a name: not a name, another spelling of an entity, and (not in the knowledge base) a new place, person or organisation. */
export function nameActions(uri: string, text: string, m: EntityMention, articleLanguage: string): CodeAction[] {
  const target = makeAnchor(text, m.start, m.end, 'name');
  const words = `\u201C${isolate(m.text)}\u201D`;
  const out: CodeAction[] = [
    fix(`Khabar: ${words} is not a name`, corrections(correction(uri, target, { op: 'notName' }))),
    ask(`Khabar: ${words} is another spelling of\u2026`, { ask: 'sameAs', correction: correction(uri, target, { op: 'sameAs', entity: m.entity }), current: { type: m.type } }),
  ];
  if (m.inKnowledgeBase) return out;
  for (const type of ['place', 'person', 'organization'] as const) {
    const entity: AddKnowledgeParams = { uri, type, text: m.text, language: nameLanguage(m.text, articleLanguage), name: m.name };
    const title = `Khabar: add ${words} to the workspace knowledge base as ${type === 'organization' ? 'an' : 'a'} ${TYPE_WORDS[type]}`;
    out.push(type === 'place' ? ask(`${title}\u2026`, { ask: 'coordinates', entity }) : fix(title, { khabar: 'knowledge', entity }));
  }
  return out;
}

/** Every quick fix of a request: those of the conflict diagnostics first, then of the figure or the name under the cursor. */
export function curationActions(req: ActionRequest): CodeAction[] {
  const { uri, text, analysis } = req;
  const out: CodeAction[] = [];
  for (const d of req.diagnostics) {
    if (d.diagnostic.source !== 'khabar' || d.diagnostic.code !== 'conflict') continue;
    const f = spanAt(analysis.figures, d.start, d.end);
    if (f) out.push(...conflictActions(uri, text, f, d.diagnostic));
  }
  const figure = spanAt(analysis.figures, req.start, req.end);
  if (figure) return [...out, ...figureActions(uri, text, figure)];
  const mention = spanAt(analysis.entities, req.start, req.end);
  if (mention) out.push(...nameActions(uri, text, mention, analysis.language));
  return out;
}
