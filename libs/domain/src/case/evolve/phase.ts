import type { ExistingCaseState } from '../state';
import { isDeparturePathway, type Phase } from '../types';

/**
 * The phase is derived from the facts rather than stored by each event, so that it can never
 * disagree with them. Her pathway shows only once the reflection period is over (R7).
 */
export function phaseOf(s: ExistingCaseState): Phase {
  if (s.status === 'closed') return 'closed';
  if (s.departure) return 'follow-up';
  if (s.reflection && !s.reflection.endedAt) return 'reflection';
  if (s.pathway === 'integration') return 'integration';
  if (isDeparturePathway(s.pathway)) return 'return';
  // R29: once she has chosen a pathway, her choice open again (R15: she withdrew her consent to
  // return; R12: she changed her mind) is the pathway phase, whatever the identification outcome.
  if (s.pathwayChosenSeq !== undefined) return 'pathway';
  if (!s.reflection) return 'intake';
  if (s.needsAssessment) return 'pathway';
  return 'assessment';
}
