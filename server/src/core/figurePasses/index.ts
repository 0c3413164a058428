// The figure finder's passes, in order.
import { coordinatedSingulars, coordinationChains, figuresOfChains } from './chains';
import type { FigureContext } from './context';
import { gapping, groupsAfterAnd, oneMoreOfThem, partsOfACount, selfKills, severitySubsets, sharedVerbAfter } from './followUps';
import { coordinatedVictimNouns, findParticipants, groupsFromBefore } from './participants';
import { groupPhrases } from './phrases';
import { countingQuantities } from './quantities';
import { deniedTriggers, findTriggers } from './triggers';

export { FigureContext, type TokenFigure } from './context';

/** A pass of the figure finder: reads and extends what the passes before it left in the context. */
export type FigurePass = (c: FigureContext) => void;

/**
 * The passes of the figure finder, in the order {@link findFigures} runs them over one sentence:
 * first what is counted and what happened (quantities, group phrases, triggers), then who is
 * counted (participants, chains) and their figures, then passes over those figures.
 */
export const figurePasses = [
  countingQuantities,
  groupPhrases,
  findTriggers,
  deniedTriggers,
  findParticipants,
  coordinatedVictimNouns,
  groupsFromBefore,
  coordinationChains,
  coordinatedSingulars,
  figuresOfChains,
  sharedVerbAfter,
  gapping,
  groupsAfterAnd,
  selfKills,
  oneMoreOfThem,
  partsOfACount,
  severitySubsets,
] as const satisfies readonly FigurePass[];
