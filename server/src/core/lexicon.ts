/** The shape of a language's lexicon file (`lexicons/<tag>.json`). Filled in by the engine work. */
export interface Lexicon {
  /** BCP-47 primary tag, e.g. `ar`. */
  language: string;
  /** English name of the language. */
  name: string;
}
