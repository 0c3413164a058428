/**
 * The analysis core: text in, one {@link DocumentAnalysis} out.
 */
export * from './types';
export type { Lexicon } from './lexicon';
export { createAnalyzer } from './analyzer';
export type { AnalyzerOptions } from './analyzer';
