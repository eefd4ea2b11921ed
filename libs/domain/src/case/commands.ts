import type { DepartureCommand } from './commands/departure';
import type { IntakeCommand } from './commands/intake';
import type { ManagementCommand } from './commands/management';
import type { NetworkCommand } from './commands/network';
import type { PathwayCommand } from './commands/pathway';
import type { ReferralCommand } from './commands/referral';
import type { ReflectionCommand } from './commands/reflection';
import type { SupportCommand } from './commands/support';
import type { TimedCommand } from './commands/timed';

export type * from './commands/intake';
export type * from './commands/reflection';
export type * from './commands/support';
export type * from './commands/pathway';
export type * from './commands/departure';
export type * from './commands/referral';
export { RECEIVER_COMMANDS } from './commands/referral';
export type * from './commands/management';
export type * from './commands/timed';
export type * from './commands/network';

/** Everything a case can be asked to do, one phase of the journey per file. */
export type CaseCommand =
  | IntakeCommand
  | ReflectionCommand
  | SupportCommand
  | PathwayCommand
  | DepartureCommand
  | ReferralCommand
  | ManagementCommand
  | TimedCommand
  | NetworkCommand;
export type CaseCommandType = CaseCommand['type'];

/** Commands only the case's own timers issue (the 'system' actor). */
export const TIMED_COMMANDS = [
  'EndReflectionPeriod',
  'SendDeadlineReminder',
  'EscalateDeadline',
  'FlagCaseStalled',
  'ErasePersonalData',
] as const satisfies readonly CaseCommandType[];
export type TimedCommandType = (typeof TIMED_COMMANDS)[number];

export function isTimedCommand(type: CaseCommandType): type is TimedCommandType {
  return (TIMED_COMMANDS as readonly string[]).includes(type);
}
