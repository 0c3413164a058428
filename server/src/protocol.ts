/**
 * Khabar's custom LSP messages. The one module both the client and the server import.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { CurationChange, CurationTarget } from './core/curation';

/** A zero-based line/character position, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A range of LSP positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** One casualty or arrest figure as the client paints it. */
export interface FigureDecoration {
  range: Range;
  kind: 'killed' | 'injured' | 'arrested';
  group: string;
  low: number;
  high: number | null;
  approximate: boolean;
  explicit: boolean;
  /** The words the figure was read from. */
  text: string;
  /** A running total over a period ("killed this year"), left out of events. */
  cumulative?: boolean;
  /** The analyst corrected the figure or gave a verdict on it (`.khabar/curation.json`): absent when not. */
  curated?: boolean;
}

/** One mention of a person, place or organization as the client paints it. */
export interface EntityDecoration {
  range: Range;
  type: 'place' | 'person' | 'organization';
  /** Knowledge-base id, or a generated `unk:<type>:<key>` for names in no knowledge base. */
  id: string;
  /** Canonical English name, or a romanization. */
  name: string;
  inKnowledgeBase: boolean;
  /** The analyst said which entity the name is (`sameAs`): absent when not. */
  curated?: boolean;
}

/** Parameters of {@link DecorationsNotification}. */
export interface DecorationsParams {
  uri: string;
  /** The document version the decorations were computed for. */
  version: number;
  figures: FigureDecoration[];
  /** Entity mentions (absent from servers older than this field). */
  entities?: EntityDecoration[];
  /** Page furniture found in the text (menus, share lines, related links), not analysed: the reading view dims it. */
  boilerplate?: Range[];
  /** The article's front matter: where the block is and what it says (absent when there is none). */
  frontMatter?: { range: Range; title?: string; source?: string; published?: string; url?: string };
}

/** Sent by the server after each analysed version of an open article: what to paint. */
export namespace DecorationsNotification {
  export const method = 'khabar/decorations';
  export const type = new NotificationType<DecorationsParams>(method);
}

/** A document of the workspace index, as the Events view names it. */
export interface EventsDocument {
  /** Its id in the Events view: its uri. */
  id: string;
  uri: string;
  /** Path relative to its workspace folder (the export's `path`). */
  path: string;
  language: string;
  published: string | null;
  /** `source` of the front matter, when given. */
  source?: string;
  title?: string;
}

/** One report of a figure: where one document says it. */
export interface EventReportView {
  /** Id of the document ({@link EventsDocument.id}). */
  document: string;
  uri: string;
  range: Range;
  low: number;
  high: number | null;
  approximate: boolean;
  /** The quoted words. */
  text: string;
  /** The document's words give no date of the event: the event's date is inferred for it from the other sources. */
  inferredDate?: true;
  /** The analyst corrected this report's figure or gave a verdict on it: absent when not. */
  curated?: boolean;
}

/** A figure of an event across its sources. */
export interface EventFigureView {
  kind: 'killed' | 'injured' | 'arrested';
  group: string;
  low: number;
  best: number | null;
  high: number | null;
  conflict: boolean;
  update: boolean;
  reports: EventReportView[];
  /** The analyst chose a report as the best estimate (`best` is its value): its document id and why. */
  adjudication?: { document: string; reason?: string };
  /** The analyst said the disagreement is an update over time, or none. */
  resolution?: 'update' | 'notConflict';
}

/** One event linked across the workspace's documents. */
export interface EventView {
  /** A key that stays while the event's reports do (not the export's `e1`…). */
  id: string;
  type: 'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot' | 'other';
  date: { start: string; end: string; precision: 'day' | 'month' | 'year' } | null;
  place: { entity: string; name: string } | null;
  /** Ids of the documents reporting it. */
  sources: string[];
  /** Some figure's sources disagree. */
  conflict: boolean;
  figures: EventFigureView[];
  /** Who attacked, who claimed it, what was attacked; `documents` are document ids (uris). */
  actors?: { role: 'perpetrator' | 'claimant' | 'target'; entity: string | null; name: string; documents: string[] }[];
  /** The analyst moved, split or merged its reports or set its place, date or type: absent when not. */
  curated?: boolean;
}

/** Parameters of {@link EventsNotification}. */
export interface EventsParams {
  /** Increases with every notification of a server process. */
  sequence: number;
  /** Articles indexed so far (all of them once `indexing` is false). */
  documentCount: number;
  /** True while the first scan of the workspace (or a rescan) is still running. */
  indexing: boolean;
  /**
   * True: `documents` and `events` are the whole model. False: they are what changed since the
   * previous notification (added or replaced, by id), and `removedDocuments`/`removedEvents` the ids
   * that are gone — a workspace of ten thousand articles is not sent again after every edit.
   */
  full: boolean;
  documents: EventsDocument[];
  events: EventView[];
  removedDocuments?: string[];
  removedEvents?: string[];
}

/** Sent by the server after the workspace's events were linked again (debounced): the Events view's model, whole or changed. */
export namespace EventsNotification {
  export const method = 'khabar/events';
  export const type = new NotificationType<EventsParams>(method);
}

/** Events newest first (undated last), then by place: the order of the Events view. */
function compareEvents(a: EventView, b: EventView): number {
  const da = a.date?.start ?? '', db = b.date?.start ?? '';
  if (da !== db) return da < db ? 1 : -1;
  const pa = a.place?.name ?? '\uffff', pb = b.place?.name ?? '\uffff';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The whole model after a notification: `previous` with the changes applied, or the notification itself when it is whole. */
export function applyEvents(previous: EventsParams | undefined, params: EventsParams): EventsParams {
  if (params.full || !previous) return { ...params, full: true, events: [...params.events].sort(compareEvents), removedDocuments: undefined, removedEvents: undefined };
  const documents = new Map(previous.documents.map((d) => [d.id, d]));
  for (const id of params.removedDocuments ?? []) documents.delete(id);
  for (const d of params.documents) documents.set(d.id, d);
  const events = new Map(previous.events.map((e) => [e.id, e]));
  for (const id of params.removedEvents ?? []) events.delete(id);
  for (const e of params.events) events.set(e.id, e);
  return {
    sequence: params.sequence, documentCount: params.documentCount, indexing: params.indexing, full: true,
    documents: [...documents.values()], events: [...events.values()].sort(compareEvents),
  };
}

/** Formats of {@link ExportEventsRequest}. */
export type ExportFormat = 'json' | 'csv' | 'geojson';

/** Parameters of {@link ExportEventsRequest}. */
export interface ExportEventsParams {
  format: ExportFormat;
}

/** Result of {@link ExportEventsRequest}. */
export interface ExportEventsResult {
  format: ExportFormat;
  /** The file's whole content (CSV starts with a byte-order mark). */
  text: string;
  documents: number;
  events: number;
}

/** Sent by the client (command Khabar: Export Events): the workspace's events in one format. */
export namespace ExportEventsRequest {
  export const method = 'khabar/exportEvents';
  export const type = new RequestType<ExportEventsParams, ExportEventsResult, void>(method);
}

/**
 * A correction as the editor asks for it (a quick fix, an action of the Events view): the file's
 * entry with its article named by `uri`; the server writes the path relative to the workspace
 * folder, and makes the id, `by` and `at`. For `moveTo` and `mergeWith`, `change.document` is the
 * other article's uri too.
 */
export interface CorrectionParams {
  uri: string;
  target: CurationTarget;
  change: CurationChange;
  reason?: string;
}

/** Parameters of {@link AddCorrectionsRequest}. */
export interface AddCorrectionsParams {
  corrections: CorrectionParams[];
}

/** What became of an edit of a `.khabar/` file asked for by the client. */
export interface KhabarFileEditResult {
  /** True when the editor applied the edit. */
  applied: boolean;
  /** The file edited (its uri). */
  file?: string;
  /** The ids of the corrections added, or the id of the entity added. */
  ids?: string[];
  /** Why nothing was written, for the user. */
  message?: string;
}

/** Sent by the client: adds corrections to the curation file of their articles' folder, through a workspace edit (`workspace/applyEdit`: Undo works). */
export namespace AddCorrectionsRequest {
  export const method = 'khabar/addCorrections';
  export const type = new RequestType<AddCorrectionsParams, KhabarFileEditResult, void>(method);
}

/** Parameters of {@link AddKnowledgeRequest}: a name of an article, as a new entity of the workspace knowledge base. */
export interface AddKnowledgeParams {
  /** The article, whose folder's `.khabar/knowledge.json` (or `.yaml`) gets the entity. */
  uri: string;
  type: 'place' | 'person' | 'organization';
  /** The name as written in the article. */
  text: string;
  /** Its language (`en`, `ar`, `fa`…). */
  language: string;
  /** The canonical English name (a romanization when the text is in another script). */
  name: string;
  /** [longitude, latitude], places only. */
  coordinates?: [number, number];
}

/** Sent by the client: adds an entity to the workspace knowledge file through a workspace edit. */
export namespace AddKnowledgeRequest {
  export const method = 'khabar/addKnowledge';
  export const type = new RequestType<AddKnowledgeParams, KhabarFileEditResult, void>(method);
}

/** An entity of the knowledge base, to pick from. */
export interface KnowledgeEntityItem {
  id: string;
  name: string;
  /** Kind and country, or the role of a person. */
  detail?: string;
}

/** Sent by the client (quick fix "another spelling of…"): the entities of a type from the knowledge files (not the world gazetteer), by name. */
export namespace KnowledgeEntitiesRequest {
  export const method = 'khabar/knowledgeEntities';
  export const type = new RequestType<{ type: 'place' | 'person' | 'organization' }, KnowledgeEntityItem[], void>(method);
}

/** A correction of the workspace and where it applies now. */
export interface CorrectionView {
  id: string;
  /** The curation file (uri) and the entry's index in it. */
  file: string;
  index: number;
  /** The article's uri, or null when no workspace article has that path. */
  uri: string | null;
  /** Where its words are now; null when it no longer matches (stale) or targets the whole document. */
  range: Range | null;
  stale: boolean;
  target: CurationTarget;
  change: CurationChange;
  reason?: string;
  by?: string;
  at?: string;
  /** The path as the file gives it. */
  document: string;
}

/** Sent by the client (command Khabar: List Corrections): every correction of the workspace's curation files. */
export namespace CorrectionsRequest {
  export const method = 'khabar/corrections';
  export const type = new RequestType<Record<string, never>, CorrectionView[], void>(method);
}

/** Sent by the client (command Khabar: Clear Stale Corrections): takes the corrections that no longer match out of their files, through a workspace edit. */
export namespace ClearStaleCorrectionsRequest {
  export const method = 'khabar/clearStaleCorrections';
  export const type = new RequestType<Record<string, never>, KhabarFileEditResult & { removed: number }, void>(method);
}

/** One correction of a curation file, as {@link CurationStatusRequest} lists it. */
export interface CurationEntryView {
  id: string;
  /** The article it corrects (path relative to the workspace folder, as in the file). */
  document: string;
  target: 'figure' | 'name' | 'document';
  op: string;
  /** The quoted words (absent for a report correction). */
  quote?: string;
  /** What it changes and why, in words: `value set to 150 — “later toll” (Leila, 2026-12-07)`. */
  summary: string;
  /** The correction changes nothing (its words are gone, its article absent, …): why, in words. */
  stale?: string;
  /** Where its entry is in the file. */
  range: Range;
}

/** Result of {@link CurationStatusRequest}: each workspace folder's curation file and its corrections, in the file's order. */
export interface CurationStatusResult {
  files: { uri: string; entries: CurationEntryView[] }[];
}

/**
 * Sent by the client (commands that list the corrections and clear the stale ones): the corrections
 * in force, after the scan, each with whether it is stale. The server never writes the file.
 */
export namespace CurationStatusRequest {
  export const method = 'khabar/curationStatus';
  export const type = new RequestType<Record<string, never> | undefined, CurationStatusResult, void>(method);
}
