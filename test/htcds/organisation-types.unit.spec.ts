import {
  LEGACY_ORGANISATION_TYPES,
  ORGANISATION_TYPES,
  organisationType,
} from '../../libs/persistence/src/identity/identity.constants';

describe('organisation types: HTCDS org_Type value names, old values still read', () => {
  it('reads every current type as itself', () => {
    for (const t of ORGANISATION_TYPES) expect(organisationType(t)).toBe(t);
  });

  it('maps the earlier values (vic_TraffickingStatusDecisionMakingOrg names) as the migration does', () => {
    expect(organisationType('Police')).toBe('LawEnforcement');
    expect(organisationType('NGO')).toBe('NGO');
    expect(organisationType('CourtOrProsecution')).toBe('LegalService');
    expect(organisationType('NonPoliceGovernmentalOrganization')).toBe(
      'CentralGovernmentOrganisation',
    );
    expect(organisationType('Other')).toBe('NGO');
    for (const t of Object.values(LEGACY_ORGANISATION_TYPES)) {
      expect(ORGANISATION_TYPES).toContain(t);
    }
  });

  it('reads nothing else', () => {
    expect(organisationType('shelter')).toBeUndefined();
    expect(organisationType('')).toBeUndefined();
  });
});
