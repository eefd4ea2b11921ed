import type { Evolvers } from './types';

export const reflectionEvolvers: Evolvers<
  'ReflectionPeriodStarted' | 'ReflectionPeriodExtended' | 'ReflectionPeriodEnded'
> = {
  ReflectionPeriodStarted: (s, e) => ({
    ...s,
    reflection: { startedAt: e.data.startedAt, endsAt: e.data.endsAt },
  }),
  ReflectionPeriodExtended: (s, e) => ({
    ...s,
    reflection: s.reflection && { ...s.reflection, endsAt: e.data.endsAt },
  }),
  ReflectionPeriodEnded: (s, e) => ({
    ...s,
    reflection: s.reflection && {
      ...s.reflection,
      endedAt: e.data.endedAt,
      endReason: e.data.reason,
    },
  }),
};
