/**
 * Contracts of the analysis core. The core is pure TypeScript: it imports neither `vscode` nor
 * `vscode-languageserver*`. Every offset it reports is a UTF-16 code-unit offset into the original
 * text given to {@link Analyzer.analyze}, `end` exclusive.
 */
import type { CurationChange } from './curation';

/** A half-open range `[start, end)` of UTF-16 code units in the original document text. */
export interface Span {
  start: number;
  end: number;
}

/** BCP-47 primary language tag of a text: `ar`, `fa`, `en`, … or `und` when unknown. */
export type LanguageTag = string;

/** What happened to the people a figure counts. */
export type FigureKind = 'killed' | 'injured' | 'arrested';

/**
 * Who the people are. `people` is anyone; `security` covers every armed state force and has the
 * parts `police` and `military`; `civilians` and `perpetrators` stand on their own.
 */
export type VictimGroup = 'people' | 'security' | 'police' | 'military' | 'civilians' | 'perpetrators';

/** A number read from text: digits, number words, vague quantities, with their modifiers. */
export interface Quantity extends Span {
  /** Lowest value the words allow. */
  low: number;
  /** Highest value the words allow; `null` when open-ended ("at least 4", "thousands"). */
  high: number | null;
  /** True for "about", "dozens", "thousands", … */
  approximate: boolean;
  /** The original text of the span. */
  text: string;
}

/** Type of an event, as in the export spec. */
export type EventType = 'attack' | 'armed_clash' | 'bombing' | 'arrest' | 'protest' | 'riot' | 'other';

/** A date found in the text, resolved to a range when it can be. */
export interface DateMention extends Span {
  value: {
    /** ISO yyyy-mm-dd, or null for a relative date with no publication date to resolve it. */
    start: string | null;
    end: string | null;
    precision: 'day' | 'month' | 'year';
    /** For relative dates ("yesterday" is {unit: 'day', offset: -1}). */
    relative?: { unit: 'day' | 'week' | 'month' | 'year'; offset: number };
    /** The date bounds a period ("since 1989", منذ عام 2011) rather than dating an event. */
    since?: boolean;
    /** The date is told as some time after an event ("on Friday, the day after the attack"): not that event's date. */
    after?: boolean;
    /**
     * A day or month with no year and nothing to give it one (no publication date): its month and
     * day (`MM-DD`) in the calendar the text writes it in, so that dates of one article can still be
     * told apart ("on 5 June" and "on 26 June").
     */
    yearless?: { calendar: string; start: string; end: string };
    /** The weekday the text names (0 = Sunday … 6 = Saturday), with or without a date. */
    weekday?: number;
  };
  text: string;
  sentence: number;
}

/** A word that says what kind of event a sentence tells of (انفجار → bombing). */
export interface EventCue extends Span {
  type: EventType;
  sentence: number;
}

/** One casualty or arrest figure reported in a document. */
export interface Figure extends Span {
  kind: FigureKind;
  group: VictimGroup;
  low: number;
  /** `null` means "at least `low`". */
  high: number | null;
  approximate: boolean;
  /** False when the count is carried by a noun without a number ("the attacker was arrested"). */
  explicit: boolean;
  /** The original text of the span: the people counted (quantity and group words), not the trigger. */
  text: string;
  /** The words that say what happened (killed, قتل, كشته شدند…). */
  trigger: Span;
  /** The words that give the number, when there are any. */
  quantity?: Span;
  /** The words that name the group ("policemen", "مدنيين"), when there are any. */
  groupWords?: Span;
  /** Language of the paragraph the figure was read in. */
  language: LanguageTag;
  /** Index into {@link DocumentAnalysis.sentences} of the sentence it was read in. */
  sentence: number;
  /** The sentence says the toll rose ("rose to", ارتفع عدد, افزایش یافت). */
  update?: boolean;
  /** The clause gives the count as an earlier one ("earlier reports said 36", بعدما كانت قد أكدت): the article's other counts supersede it. */
  superseded?: boolean;
  /** A running total over a period ("killed this year", منذ بداية العام, از ابتدای سال): no event's toll, left out of events. */
  cumulative?: boolean;
  /** The analyst's corrections of this figure (`.khabar/curation.json`), in the order of the file: absent when none. */
  curation?: AppliedCorrection[];
}

/**
 * A correction of the curation file as applied to a figure, a name or an event: what it changed
 * and why (see `core/curation.ts`); `order` is its position in the file (later wins).
 */
export interface AppliedCorrection {
  id: string;
  change: CurationChange;
  reason?: string;
  by?: string;
  at?: string;
  order: number;
}

/** A mention of a person, place or organization. */
export interface EntityMention extends Span {
  /** Knowledge-base id, or a generated id for a name in no knowledge base (`unk:<type>:<key>`). */
  entity: string;
  type: 'place' | 'person' | 'organization';
  /** Canonical English name, or a romanization for unknown names. */
  name: string;
  inKnowledgeBase: boolean;
  /** The original text of the mention. */
  text: string;
  sentence: number;
  /** The place of a dateline ("TEHRAN, Oct. 26 (Agency) –"): where the report was filed, not where events happened. */
  dateline?: boolean;
  /** Named as an example ("across the country, including Almaty"), not as where things happened. */
  example?: boolean;
  /** Named as where something began ("protests that began in Zhanaozen"), which need not be where it happened. */
  origin?: boolean;
  /** Names another event to tell a time ("two weeks after the Aktobe attacks", بعد هجمات أكتوبي), not where things happened. */
  reference?: boolean;
  /** Named as what the event was near ("near Arish", "40 km west of Arish", در نزدیکی العریش): not where it happened. */
  near?: boolean;
  /** Named for something else: a time zone ("Tehran time", به وقت تهران), a news outlet ("Qom News"). */
  aside?: boolean;
  /** Places named in one list ("in Almaty, Taraz and Aktobe") share this: the offset where the list begins. */
  list?: number;
  /** The analyst's corrections of this mention (`sameAs`), in the order of the file: absent when none. */
  curation?: AppliedCorrection[];
}

/** What a party to an event did: attacked (`perpetrator`), claimed responsibility (`claimant`), or was attacked (`target`). */
export type ActorRole = 'perpetrator' | 'claimant' | 'target';

/** A party to an event named in a sentence: a group that attacked or claimed it, or what was attacked. */
export interface ActorMention extends Span {
  role: ActorRole;
  /** Entity id (an organization, a landmark), or null for a target known only by its category. */
  entity: string | null;
  /** The entity's name, or the target's category from the lexicon ("police station"). */
  name: string;
  sentence: number;
}

/** Words about where an event happened as a whole: `wide` spreads it over a country or many places, `spread` says it spread. */
export interface ScopeCue extends Span {
  kind: 'wide' | 'spread';
  sentence: number;
  /** The place a `wide` cue spreads over, when it names one ("across Iran"); else the country of the event. */
  place?: string;
}

/** Metadata read from YAML front matter. Every field is optional. */
export interface FrontMatter {
  title?: string;
  /** ISO date (yyyy-mm-dd) from `date` or `published`. */
  published?: string;
  source?: string;
  url?: string;
  /** Every key as parsed, for fields Khabar does not interpret. */
  raw: Record<string, unknown>;
  /** The span of the whole front-matter block, delimiters included. */
  span: Span;
}

/** A problem with the input that the user should be told about (never thrown). */
export interface InputProblem extends Span {
  severity: 'error' | 'warning' | 'information';
  /** Stable code, e.g. `front-matter-malformed`. */
  code: string;
  message: string;
}

/** A paragraph and the language it is written in. */
export interface Paragraph extends Span {
  language: LanguageTag;
}

/** Everything the core found in one document. Computed once per document version. */
export interface DocumentAnalysis {
  /** Length of the analysed text, for sanity checks by hosts. */
  length: number;
  /** Dominant language of the document body. */
  language: LanguageTag;
  paragraphs: Paragraph[];
  sentences: Span[];
  frontMatter: FrontMatter | null;
  /** Publication date (ISO yyyy-mm-dd) from front matter or a dateline, else null. */
  published: string | null;
  /** Spans judged not part of the article (page navigation, related links, …). */
  boilerplate: Span[];
  /** Every number read from the text, casualty or not. */
  quantities: Quantity[];
  /** Casualty and arrest figures, in document order. */
  figures: Figure[];
  /** People, places and organizations, in document order. */
  entities: EntityMention[];
  /** Dates, in document order. */
  dates: DateMention[];
  /** Words telling what kind of event a sentence is about. */
  eventCues: EventCue[];
  /** Words telling how wide an event is (across the country, spread to); absent from analyses made before they existed. */
  scopeCues?: ScopeCue[];
  /** Who attacked, who claimed it, what was attacked; absent from analyses made before they existed. */
  actors?: ActorMention[];
  problems: InputProblem[];
}

/**
 * What linking, the export and the editor's views read of an analysis: all of it but the
 * quantities and paragraphs, which a workspace index of thousands of documents need not keep.
 */
export type IndexedAnalysis = Omit<DocumentAnalysis, 'quantities' | 'paragraphs'>;

/** Input of one analysis. */
export interface AnalysisInput {
  text: string;
  /** Identifies the document in messages; not interpreted. */
  uri?: string;
  /**
   * The publication date (`yyyy-mm-dd`) known from outside the text (batch mode gives it beside the
   * text): used when the text states none (no front matter date, no dateline), also to resolve
   * relative dates ("yesterday").
   */
  published?: string;
}

/** The analysis core. Create it with `createAnalyzer`. */
export interface Analyzer {
  /** Language tags of the lexicons the analyzer was given. */
  readonly languages: readonly LanguageTag[];
  /** Analyses one document. Never throws on any input text. */
  analyze(input: AnalysisInput): DocumentAnalysis;
}
