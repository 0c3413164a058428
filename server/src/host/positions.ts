/** Offsets of an analysis as LSP ranges, through the lines of the text that was analysed. */
import type { Range } from '../protocol';
import type { TextLines } from '../textLines';

/** Whether a span lies inside the text. */
export function validSpan(lines: TextLines, s: { start: number; end: number }): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start && s.end <= lines.length;
}

/** The range of a span, or null when there are no lines or the span lies outside them. */
export function rangeIn(lines: TextLines | null | undefined, s: { start: number; end: number }): Range | null {
  if (!lines || !validSpan(lines, s)) return null;
  return { start: lines.positionAt(s.start), end: lines.positionAt(s.end) };
}

/** The range at the top of a document, for what has no place in it. */
export const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
