import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HTCDS 2.0 (issue 10).
 *
 * organisations.type: the value names of HTCDS's organisation picklist `org_Type` (the earlier
 * values were those of vic_TraffickingStatusDecisionMakingOrg, another field). Old values map:
 * Police → LawEnforcement; NGO → NGO; CourtOrProsecution → LegalService;
 * NonPoliceGovernmentalOrganization → CentralGovernmentOrganisation; Other (the demo's receiving
 * organisation) → NGO. docs/htcds.md lists these under "What the network must decide".
 *
 * htcds_imports: one row per case imported from an HTCDS Excel template, keyed by a keyed hash
 * (the audit/blind-index key) of the organisation, the row's source id and its content, so that
 * the same file imported twice imports each case once. No personal data: the hash and ids only.
 */
export class Htcds1796617055586 implements MigrationInterface {
  name = 'Htcds1796617055586';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_type_check`);
    await q.query(`
      UPDATE organisations SET type = CASE type
        WHEN 'Police' THEN 'LawEnforcement'
        WHEN 'NGO' THEN 'NGO'
        WHEN 'CourtOrProsecution' THEN 'LegalService'
        WHEN 'NonPoliceGovernmentalOrganization' THEN 'CentralGovernmentOrganisation'
        ELSE 'NGO' END`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_type_check CHECK (type IN (
        'NGO', 'LawEnforcement', 'HealthServiceOrganisation', 'CentralGovernmentOrganisation',
        'LocalGovernmentOrganisation', 'ImmigrationService', 'LegalService', 'CorporateBusiness',
        'SchoolOrCollege'))`);
    await q.query(`
      CREATE TABLE htcds_imports (
        organisation_id text        NOT NULL,
        row_key         bytea       NOT NULL CHECK (length(row_key) = 32),
        case_id         uuid        NOT NULL,
        imported_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, row_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE htcds_imports`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_type_check`);
    await q.query(`
      UPDATE organisations SET type = CASE type
        WHEN 'LawEnforcement' THEN 'Police'
        WHEN 'NGO' THEN 'NGO'
        WHEN 'LegalService' THEN 'CourtOrProsecution'
        WHEN 'CentralGovernmentOrganisation' THEN 'NonPoliceGovernmentalOrganization'
        WHEN 'LocalGovernmentOrganisation' THEN 'NonPoliceGovernmentalOrganization'
        WHEN 'ImmigrationService' THEN 'NonPoliceGovernmentalOrganization'
        WHEN 'HealthServiceOrganisation' THEN 'NonPoliceGovernmentalOrganization'
        ELSE 'Other' END`);
    await q.query(`
      ALTER TABLE organisations ADD CONSTRAINT organisations_type_check CHECK (type IN (
        'Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'))`);
  }
}
