/**
 * Khabar's custom LSP messages. The one module both the client and the server import.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

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
}

/** Parameters of {@link DecorationsNotification}. */
export interface DecorationsParams {
  uri: string;
  /** The document version the decorations were computed for. */
  version: number;
  figures: FigureDecoration[];
}

/** Sent by the server after each analysed version of an open article: what to paint. */
export namespace DecorationsNotification {
  export const method = 'khabar/decorations';
  export const type = new NotificationType<DecorationsParams>(method);
}
