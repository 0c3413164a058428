/**
 * The analysis core: text in, one {@link DocumentAnalysis} out.
 */
export * from './types';
export type { Lexicon } from './lexicon';
export { createAnalyzer } from './analyzer';
export type { AnalyzerOptions } from './analyzer';
export { createKnowledgeBase, crossScriptKey, romanize } from './knowledge';
export type { GazetteerSource, KnowledgeBase, KnowledgeEntity, KnowledgeProblem, KnowledgeSource, EntityType, NameRef } from './knowledge';
export { createWorkspaceIndex } from './workspace';
export type { WorkspaceIndex, WorkspaceEvent, ReportFinding, Location } from './workspace';
export { buildExport } from './export';
export type { EventsExport, ExportActor, ExportEvent, ExportFigure, ExportReport, ExportEntity } from './export';
export { actorsOf } from './actors';
export type { EventActor, FrameActor } from './actors';
export { toCsv, toGeoJson } from './formats';
