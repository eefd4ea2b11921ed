import type { CaseCommand } from '@ariadne/domain';
import { given } from '../../../../../test/support/decider-spec';
import { day, opened } from '../../../../../test/support/fixtures';

/**
 * R6, R9 at their edges (decide/assessment.ts): what a risk assessment records per scope, when
 * protection measures are needed, and the HTCDS victim context of a needs assessment.
 */
const risk = (fields: Record<string, unknown>) =>
  ({
    type: 'RecordRiskAssessment',
    scope: 'general',
    level: 'low',
    protectionMeasures: [],
    ...fields,
  }) as CaseCommand;
const needs = (victimContext: unknown) =>
  ({ type: 'RecordNeedsAssessment', needs: ['shelter'], victimContext }) as CaseCommand;

describe('R9 risk assessment', () => {
  it('a general assessment records no pathway or acceptability, whatever the command says', () => {
    const [event] = given(opened())
      .when(risk({ pathway: 'return', acceptable: true }), day(1))
      .events();
    expect(event).toStrictEqual({
      type: 'RiskAssessed',
      data: { assessedAt: day(1), scope: 'general', level: 'low', protectionMeasures: [] },
    });
  });

  it('a departure assessment records the pathway and whether the risk is acceptable', () => {
    const [event] = given(opened())
      .when(risk({ scope: 'departure', pathway: 'third-country', acceptable: false }), day(1))
      .events();
    expect(event).toStrictEqual({
      type: 'RiskAssessed',
      data: {
        assessedAt: day(1),
        scope: 'departure',
        pathway: 'third-country',
        acceptable: false,
        level: 'low',
        protectionMeasures: [],
      },
    });
  });

  it('a departure assessment without a pathway, or without acceptability, is refused', () => {
    given(opened())
      .when(risk({ scope: 'departure', acceptable: true }), day(1))
      .thenRejectedBy('R9', 'invalid');
    for (const acceptable of [undefined, 'yes', 1]) {
      const e = given(opened())
        .when(risk({ scope: 'departure', pathway: 'return', acceptable }), day(1))
        .thenRejectedBy('R9', 'invalid');
      expect(e.message).toBe('A departure risk assessment states whether the risk is acceptable.');
    }
  });

  it('only a high risk needs protection measures; with them it is recorded', () => {
    const e = given(opened())
      .when(risk({ level: 'high' }), day(1))
      .thenRejectedBy('R9', 'invalid');
    expect(e.message).toBe('A high risk needs protection measures.');
    given(opened())
      .when(risk({ level: 'high', protectionMeasures: ['escorted-travel'] }), day(1))
      .thenTypes(['RiskAssessed']);
    given(opened())
      .when(risk({ level: 'medium' }), day(1))
      .thenTypes(['RiskAssessed']);
  });

  it('names the field of an unknown scope, level or measure', () => {
    const fields = [
      [{ scope: 'weekly' }, 'scope'],
      [{ level: 'extreme' }, 'level'],
      [{ protectionMeasures: ['a-dog'] }, 'protectionMeasures'],
    ] as const;
    for (const [wrong, field] of fields) {
      const e = given(opened()).when(risk(wrong), day(1)).thenRejectedBy('R9', 'invalid');
      expect(e.message.startsWith(`${field} must be `)).toBe(true);
    }
  });
});

describe('R6 the HTCDS victim context of a needs assessment', () => {
  it('null is taken as absent (no victim context), never a 500', () => {
    const [event] = given(opened()).when(needs(null), day(1)).events();
    expect(event?.data).not.toHaveProperty('victimContext');
  });

  it.each([['SexualExploitation'], [42]])('%p is not an object', (v) => {
    const e = given(opened()).when(needs(v), day(1)).thenRejectedBy('R6', 'invalid');
    expect(e.message).toBe('victimContext must be an object.');
  });

  it('an unknown field is refused, naming it', () => {
    const e = given(opened())
      .when(needs({ typeOfExploitation: ['ForcedLabour'], favouriteColour: ['Red'] }), day(1))
      .thenRejectedBy('R6', 'invalid');
    expect(e.message).toBe('victimContext.favouriteColour is not known.');
  });

  it('only empty lists record no victim context at all', () => {
    const [event] = given(opened())
      .when(needs({ typeOfExploitation: [], methodsOfControl: [] }), day(1))
      .events();
    expect(event).toStrictEqual({
      type: 'NeedsAssessed',
      data: { assessedAt: day(1), needs: ['shelter'] },
    });
  });

  it('keeps every field given, each without duplicates', () => {
    const [event] = given(opened())
      .when(
        needs({
          typeOfExploitation: ['ForcedLabour', 'SexualExploitation', 'ForcedLabour'],
          methodOfRecruitment: [],
        }),
        day(1),
      )
      .events();
    expect(event?.data).toMatchObject({
      victimContext: { typeOfExploitation: ['ForcedLabour', 'SexualExploitation'] },
    });
    expect(event?.data).not.toHaveProperty('victimContext.methodOfRecruitment');
  });
});
