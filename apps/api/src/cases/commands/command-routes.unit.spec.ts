import { TIMED_COMMANDS } from '@ariadne/domain';
import {
  COMMAND_ROUTES,
  commandHttpPath,
  isPersonCommandType,
  nestRoutePath,
  pathParameters,
} from './command-routes';

describe('one HTTP path per command a person issues', () => {
  const routes = Object.entries(COMMAND_ROUTES);

  it('paths are unique, kebab-case, with opaque-id parameters only (P1)', () => {
    const paths = routes.map(([, r]) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) {
      expect(path).toMatch(
        /^[a-z]+(?:-[a-z]+)*(?:\/(?:[a-z]+(?:-[a-z]+)*|\{(?:serviceId|consentId|referralId)\}))*$/,
      );
    }
  });

  it('every route names a rule of docs/rules.md', () => {
    for (const [, r] of routes) expect(r.rule).toMatch(/^(R([1-9]|[12][0-9]|3[0-9])|P[1-8])$/);
  });

  it('the case timers’ commands and opening have no command path', () => {
    for (const t of [...TIMED_COMMANDS, 'OpenCase']) expect(isPersonCommandType(t)).toBe(false);
    expect(isPersonCommandType('RecordIdentification')).toBe(true);
  });

  it('translates to Nest routes and absolute paths', () => {
    expect(nestRoutePath('RecordServiceProvided')).toBe(':caseId/services/:serviceId/provided');
    expect(pathParameters('WithdrawConsent')).toEqual(['consentId']);
    expect(commandHttpPath('c-1', 'ExecuteReturn')).toBe('/api/v1/cases/c-1/departure/execution');
  });

  it('only supervisors’ decisions are marked so (R8, R22, P7)', () => {
    const supervisors = routes.filter(([, r]) => r.supervisorOnly).map(([t]) => t);
    expect(supervisors.sort()).toEqual([
      'EndReflectionPeriodEarly',
      'EraseOnRequest',
      'ReassignCase',
    ]);
  });
});
