import { createHash } from 'node:crypto';
import type { Position } from 'vscode-languageserver';

/**
 * What the server keeps of an analysed text: where its lines begin and end, and a digest that
 * tells the same text again. Not the text: a workspace of 10,000 articles would keep 25 MB of it
 * for nothing but turning offsets into positions.
 */
export class TextLines {
  /** Line i spans `[bounds[2i], bounds[2i + 1])` without its line break. */
  private readonly bounds: Uint32Array;

  private constructor(
    /** The language id the text was analysed as. */
    readonly languageId: string,
    /** Length of the text in UTF-16 code units. */
    readonly length: number,
    private readonly digest: string,
    bounds: number[],
  ) {
    this.bounds = Uint32Array.from(bounds);
  }

  /** The lines of a text; line breaks are `\r\n`, `\r` and `\n`, as in LSP. */
  static of(languageId: string, text: string): TextLines {
    const bounds = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      bounds.push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      bounds.push(i + 1);
    }
    bounds.push(text.length);
    return new TextLines(languageId, text.length, digestOf(text), bounds);
  }

  /** Whether a text is the one these lines were made from (by length and SHA-1), analysed as the same language. */
  isText(languageId: string, text: string): boolean {
    return languageId === this.languageId && text.length === this.length && digestOf(text) === this.digest;
  }

  /** Number of lines. */
  get lineCount(): number {
    return this.bounds.length / 2;
  }

  /**
   * The position of an offset, as `TextDocument.positionAt` gives it: the offset is clamped to the
   * text, and an offset inside a line break is moved before it.
   */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const b = this.bounds;
    let low = 0;
    let high = b.length / 2 - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (b[2 * mid] <= o) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(o, b[2 * low + 1]) - b[2 * low] };
  }
}

// Over the UTF-16 code units: as UTF-8, every lone surrogate would hash as U+FFFD.
function digestOf(text: string): string {
  return createHash('sha1').update(text, 'utf16le').digest('base64');
}
