import type { CaseEventType, EventOf } from '../events';
import type { ExistingCaseState } from '../state';

/** Applies one event of type T. `seq` is the version the event gets. */
export type Evolver<T extends CaseEventType> = (
  s: ExistingCaseState,
  e: EventOf<T>,
  seq: number,
) => ExistingCaseState;

export type Evolvers<T extends CaseEventType> = { readonly [K in T]: Evolver<K> };
