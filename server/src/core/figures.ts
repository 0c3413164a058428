import type { CompiledLexicon } from './lexicon';
import type { QuantitySpan } from './numbers';
import { FigureContext, figurePasses, type TokenFigure } from './figurePasses';
import type { Token } from './tokenize';

export type { TokenFigure } from './figurePasses';
export { figurePasses } from './figurePasses';

/**
 * Finds casualty and arrest figures in one sentence, tokens `[from, to)`, with one language's
 * lexicon. `forms` and `nounForms` are the candidate forms of each token (see CompiledLexicon).
 * Runs {@link figurePasses} in order over one {@link FigureContext}.
 */
export function findFigures(tokens: readonly Token[], forms: readonly string[][], nounForms: readonly string[][], lex: CompiledLexicon, from: number, to: number, found?: readonly QuantitySpan[]): TokenFigure[] {
  const c = new FigureContext(tokens, forms, nounForms, lex, from, to, found);
  for (const pass of figurePasses) pass(c);
  return c.figures.sort((a, b) => a.from - b.from);
}
