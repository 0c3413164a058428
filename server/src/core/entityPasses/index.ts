// The entity finder's passes, in order.
import { apposedNames } from './apposed';
import type { EntityScan } from './context';
import { countrySpellings } from './countrySpellings';
import { cuedNames } from './cued';
import { givenNamePeople } from './givenNames';
import { namesBeforeHeads } from './heads';
import { knownNames } from './known';
import { variantSpellings } from './variants';

export { EntityScan, type PendingEntity, type TokenEntity } from './context';

/** A pass of the entity finder: reads and extends the names the passes before it left in the scan (each pass returns at once where it does not apply). */
export type EntityPass = (scan: EntityScan) => void;

/**
 * The passes of the entity finder, in the order {@link findEntities} runs them over one sentence:
 * names of the knowledge base first (when there is one), then names in no knowledge base by their
 * cue, their head, their role or their given name, each over the tokens no pass before it took.
 * Each pass is a function of its own: V8 then optimises and re-optimises one at a time.
 */
export const entityPasses = [
  /** Names of the knowledge base (only with one). */
  knownNames,
  /** Variant spellings of known names (only with a knowledge base). */
  variantSpellings,
  /** Countries' names with other vowels or spaces (only with a knowledge base). */
  countrySpellings,
  /** Names in no knowledge base after a cue. */
  cuedNames,
  /** Names before a head that is part of them (only in Latin script). */
  namesBeforeHeads,
  /** People beside their role, between commas. */
  apposedNames,
  /** People by their given name (only when the knowledge base has given names). */
  givenNamePeople,
] as const satisfies readonly EntityPass[];
