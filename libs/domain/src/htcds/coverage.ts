/**
 * How Ariadne covers each field of HTCDS 2.0 (docs/htcds.md is this table in prose).
 *
 * - exported: held and written by the de-identified export under this name;
 * - generalised: held, and exported only in a coarser form under another standard column;
 * - identifier: held (encrypted personal data), imported, but never in the de-identified export;
 * - not-held: Ariadne does not record it.
 */
export type HtcdsCoverage = 'exported' | 'generalised' | 'identifier' | 'not-held';

export interface HtcdsFieldCoverage {
  readonly coverage: HtcdsCoverage;
  /** Where Ariadne holds it (command/event and field), or why not. */
  readonly source: string;
}

const notHeld = (why: string): HtcdsFieldCoverage => ({ coverage: 'not-held', source: why });
const id = (source: string): HtcdsFieldCoverage => ({ coverage: 'identifier', source });
const exp = (source: string): HtcdsFieldCoverage => ({ coverage: 'exported', source });

export const HTCDS_COVERAGE: Readonly<Record<string, HtcdsFieldCoverage>> = {
  org_Name: id('organisations.name (the export names no organisation)'),
  org_ShippingCity: notHeld('organisations hold no address'),
  org_ShippingCountry: exp('organisations.country (the case country, CaseOpened.country)'),
  org_ShippingState: notHeld('organisations hold no address'),
  org_ShippingStreet: notHeld('organisations hold no address'),
  org_ShippingPostalCode: notHeld('organisations hold no address'),
  org_ShippingLongitude: notHeld('organisations hold no address'),
  org_ShippingLatitude: notHeld('organisations hold no address'),
  org_Phone: notHeld('organisations hold no phone'),
  org_Type: exp('organisations.type (HTCDS org_Type value names)'),
  prs_Salutation: notHeld('not asked'),
  prs_FirstName: id('PersonDetailsRecorded personal.identity.givenName'),
  prs_MiddleName: notHeld('part of givenName'),
  prs_SecondName: id('PersonDetailsRecorded personal.identity.familyName'),
  prs_Birthdate: {
    coverage: 'generalised',
    source: 'personal.identity.dateOfBirth → age band at referral in vic_AgeWhenTrafficked',
  },
  prs_Gender: exp('personal.identity.sex (prs_Gender value names)'),
  prs_Deceased: notHeld('not recorded'),
  prs_MaritalStatus: notHeld('not recorded'),
  prs_NumberOfChildren: notHeld('children are a need area (childrens-needs), not a count'),
  prs_PrimaryLanguage: id('personal.identity.language (BCP 47, not ISO 639-2)'),
  prs_SecondaryLanguage: notHeld('one language only'),
  prs_HighestLevelOfEducation: notHeld('not recorded'),
  prs_Citizenship: exp('personal.identity.nationality and personal.identity.citizenship'),
  prs_IdentityNumber: id('personal.identity.documentNumber'),
  prs_Title: notHeld('not asked'),
  prs_Email: id('personal.contact-location.email'),
  prs_HomePhone: id('personal.contact-location.phone'),
  prs_MobilePhone: id('personal.contact-location.phone'),
  prs_MailingCity: id('personal.contact-location.address (one text)'),
  prs_MailingCountry: id('personal.contact-location.address (one text)'),
  prs_MailingState: id('personal.contact-location.address (one text)'),
  prs_MailingStreet: id('personal.contact-location.address (one text)'),
  prs_MailingPostalCode: id('personal.contact-location.address (one text)'),
  prs_MailingLongitude: notHeld('never: her location is protected (P3)'),
  prs_MailingLatitude: notHeld('never: her location is protected (P3)'),
  vic_AgreementToManagePersonalData: notHeld('deprecated in HTCDS; consents are P4 events'),
  vic_TraffickingStatus: exp('IdentificationDecided / ConclusiveIdentificationDecided outcome'),
  vic_TraffickingStatusDecisionMakingOrg: exp('IdentificationDecided.decidedBy'),
  vic_RelationshipToTrafficker: notHeld('not recorded'),
  vic_AgeWhenTrafficked: exp('age band at referral, from the birth date (generalised)'),
  vic_RecruitmentWebsitesAndApps: notHeld('not recorded'),
  vic_MethodOfRecruitment: exp('NeedsAssessed.victimContext.methodOfRecruitment'),
  vic_LocationOfRecruitment: notHeld('a location: not recorded'),
  vic_MethodsOfControl: exp('NeedsAssessed.victimContext.methodsOfControl'),
  vic_TypeOfExploitation: exp('NeedsAssessed.victimContext.typeOfExploitation'),
  vic_ForcedLabourIndustry: notHeld('not recorded yet'),
  vic_TypeOfSexExploitation: exp('NeedsAssessed.victimContext.typeOfSexExploitation'),
  vic_LocationOfExploitation: notHeld('a location: not recorded'),
  vic_ExploitationWebsitesAndApps: notHeld('not recorded'),
  vic_Vulnerabilities: notHeld('deprecated in HTCDS'),
  vic_DetailsOfVulnerabilities: notHeld('deprecated in HTCDS'),
  per_RoleInProcess: notHeld('Ariadne records nothing about perpetrators'),
  per_RoleDetails: notHeld('Ariadne records nothing about perpetrators'),
  cas_Status: exp('case status, ReturnExecuted (FollowUp), CaseClosed reason transferred'),
  cas_ReasonForCaseClosure: exp('CaseClosed.reason (an Ariadne code, not free text)'),
  cas_CaseOwner: id('the assignee (a user id; the export names no staff)'),
  cas_ReferringOrganisation: notHeld('CaseOpened.referralSource is a kind, not an organisation'),
  cas_IncomingReferralDate: exp('CaseOpened.occurredAt (else openedAt), to the month'),
  cas_ReferringPrimaryCaseWorker: notHeld('not recorded'),
  cas_ReasonForIncomingReferral: notHeld('not recorded'),
  cas_IncomingReferralDetails: notHeld('free text: not recorded'),
  cas_ReferredOrganisation: id('CrossBorderReferralSent.recipientOrganisationId'),
  cas_ReferredPrimaryCaseWorker: notHeld('not recorded'),
  cas_ReasonForOutgoingReferral: exp('CrossBorderReferralSent.purpose'),
  cas_OutgoingReferralDate: exp('CrossBorderReferralSent.sentAt, to the month'),
  cas_OutgoingReferralDetails: notHeld('free text: not recorded'),
  cco_CaseComment: id('NoteAdded personal.notes (sealed case notes)'),
  hte_Longitude: notHeld('trafficking-experience locations: not recorded'),
  hte_Latitude: notHeld('trafficking-experience locations: not recorded'),
  hte_City: notHeld('trafficking-experience locations: not recorded'),
  hte_Country: notHeld('trafficking-experience locations: not recorded'),
  hte_State: notHeld('trafficking-experience locations: not recorded'),
  hte_Street: notHeld('trafficking-experience locations: not recorded'),
  hte_PostalCode: notHeld('trafficking-experience locations: not recorded'),
  hte_Date: notHeld('trafficking-experience locations: not recorded'),
  hte_Type: notHeld('trafficking-experience locations: not recorded'),
  hte_Description: notHeld('trafficking-experience locations: not recorded'),
  spl_Objectives: notHeld('free text: not recorded'),
  spl_ActionPlan: notHeld('free text: not recorded'),
  spl_PlannedEndDate: notHeld('the plan has no planned end'),
  spl_ActualEndDate: notHeld('the plan has no end date'),
  spl_Type: exp('ServiceProvided.kind → support plan types'),
  con_Consent: notHeld('consents are per purpose (P4); see "What the network must decide"'),
};
