/**
 * The words of IOM's Human Trafficking Case Data Standard 2.0 that Ariadne uses: field names
 * (with their table prefix) and picklist value names with their English labels, exactly as
 * `HTCDS Field Standards 2.0.ods` spells them (a CI test reads the .ods and checks every one).
 *
 * "Human Trafficking Case Data Standard (HTCDS) by IOM", CC BY 4.0
 * (https://github.com/UNMigration/HTCDS). IOM does not endorse Ariadne.
 */

export const HTCDS_VERSION = '2.0';
export const HTCDS_ATTRIBUTION =
  'Field and value names: Human Trafficking Case Data Standard (HTCDS) 2.0 by IOM, ' +
  'licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), ' +
  'https://github.com/UNMigration/HTCDS. IOM does not endorse this export or Ariadne.';

/** A picklist: value name → English value label (labels are what the Excel template shows). */
export type Picklist<V extends string> = Readonly<Record<V, string>>;

function names<V extends string>(p: Picklist<V>): readonly V[] {
  return Object.keys(p) as V[];
}

export const ORG_TYPE = {
  NGO: 'NGO',
  LawEnforcement: 'Law Enforcement',
  HealthServiceOrganisation: 'Health Service Organisation',
  CentralGovernmentOrganisation: 'Central Government Organisation',
  LocalGovernmentOrganisation: 'Local Government Organisation',
  ImmigrationService: 'Immigration Service',
  LegalService: 'Legal Service',
  CorporateBusiness: 'Corporate Business',
  SchoolOrCollege: 'School or College',
} as const satisfies Picklist<string>;
export type HtcdsOrgType = keyof typeof ORG_TYPE;
export const HTCDS_ORG_TYPES = names<HtcdsOrgType>(ORG_TYPE);

export const GENDER = {
  Feminine: 'Feminine',
  Masculine: 'Masculine',
  TransgenderFeminine: 'Transgender Feminine',
  TransgenderMasculine: 'Transgender Masculine',
  NonConforming: 'Non-Conforming',
  NonSpecifiedUnknown: 'Not Specified/Unknown',
} as const satisfies Picklist<string>;
export type HtcdsGender = keyof typeof GENDER;
export const HTCDS_GENDERS = names<HtcdsGender>(GENDER);

export const TRAFFICKING_STATUS = {
  PossibleVictimOfTrafficking: 'Possible victim of trafficking',
  ActualVictimOfTrafficking: 'Actual victim of trafficking',
  NotAVictimOfTrafficking: 'Not a victim of trafficking',
} as const satisfies Picklist<string>;
export type HtcdsTraffickingStatus = keyof typeof TRAFFICKING_STATUS;

export const DECISION_MAKING_ORG = {
  Police: 'Police',
  NGO: 'NGO',
  CourtOrProsecution: 'Court or prosecution',
  NonPoliceGovernmentalOrganization: 'Non-police governmental organization',
  Other: 'Other',
} as const satisfies Picklist<string>;
export type HtcdsDecisionMakingOrg = keyof typeof DECISION_MAKING_ORG;

export const METHOD_OF_RECRUITMENT = {
  AtAPlaceOfBusiness: 'At a place of business',
  AtAnEducationalInstitution: 'At an educational institution',
  AtWork: 'At work',
  ThroughOnlineSocialNetworks: 'Through online social networks',
  ThroughAnOnlineAdvertisement: 'Through an online advertisement',
  ThroughATelevisionAdvert: 'Through a television advert',
  ThroughANewspaperAdvert: 'Through a newspaper advert',
  ThroughFamilyOrFamilyEvents: 'Through family or family events',
  ThroughFriendsOrSocialEvents: 'Through friends or social events',
  Other: 'Other',
} as const satisfies Picklist<string>;
export type HtcdsMethodOfRecruitment = keyof typeof METHOD_OF_RECRUITMENT;
export const HTCDS_METHODS_OF_RECRUITMENT = names<HtcdsMethodOfRecruitment>(METHOD_OF_RECRUITMENT);

export const METHODS_OF_CONTROL = {
  PhysicalThreats: 'Physical threats',
  ThreatsLawEnforcement: 'Threats of law enforcement',
  ThreatensChildrenFamily: 'Threatens children/family',
  DebtBondage: 'Debt bondage',
  FalsePromises: 'False promises',
  PhysicalAbuse: 'Physical abuse',
  SexualAbuse: 'Sexual abuse',
  TakesEarnings: 'Takes earnings',
  RestrictsFinancialAccess: 'Restricts financial access',
  RestrictsMedicalCare: 'Restricts medical care',
  WithholdsNecessities: 'Withholds necessities',
  PsychologicalAbuse: 'Psychological abuse',
  PsychoactiveSubstance: 'Psychoactive substance',
  ExcessiveWorkingHours: 'Excessive working hours',
  WithholdsDocuments: 'Withholds documents',
  Other: 'Other',
} as const satisfies Picklist<string>;
export type HtcdsMethodOfControl = keyof typeof METHODS_OF_CONTROL;
export const HTCDS_METHODS_OF_CONTROL = names<HtcdsMethodOfControl>(METHODS_OF_CONTROL);

export const TYPE_OF_EXPLOITATION = {
  ForcedLabour: 'Forced labour',
  SexualExploitation: 'Sexual exploitation',
  ChildLabour: 'Child labour',
  ForcedMarriage: 'Forced marriage',
  Servitude: 'Servitude',
  ForcedMilitaryByNonStateActors: 'Forced military (by non-state actors)',
  OrganRemoval: 'Organ removal',
  ForcedBegging: 'Forced begging',
  ForcedAdoption: 'Forced adoption',
  Surrogacy: 'Surrogacy',
  Other: 'Other',
} as const satisfies Picklist<string>;
export type HtcdsTypeOfExploitation = keyof typeof TYPE_OF_EXPLOITATION;
export const HTCDS_TYPES_OF_EXPLOITATION = names<HtcdsTypeOfExploitation>(TYPE_OF_EXPLOITATION);

export const TYPE_OF_SEX_EXPLOITATION = {
  Prostitution: 'Prostitution',
  Pornography: 'Pornography',
  RemoteInteractiveServices: 'Remote Interactive Services',
  PrivateSexualServices: 'Private Sexual Services',
} as const satisfies Picklist<string>;
export type HtcdsTypeOfSexExploitation = keyof typeof TYPE_OF_SEX_EXPLOITATION;
export const HTCDS_TYPES_OF_SEX_EXPLOITATION =
  names<HtcdsTypeOfSexExploitation>(TYPE_OF_SEX_EXPLOITATION);

export const CASE_STATUS = {
  Active: 'Active',
  FollowUp: 'Follow Up',
  Closed: 'Closed',
  ClosedReferred: 'Closed Referred',
} as const satisfies Picklist<string>;
export type HtcdsCaseStatus = keyof typeof CASE_STATUS;

export const REASON_FOR_REFERRAL = {
  AdditionalServicesRequired: 'Additional Services Required',
  MigrationOrChangeOfLocation: 'Migration or Change of Location',
  Other: 'Other',
} as const satisfies Picklist<string>;
export type HtcdsReasonForReferral = keyof typeof REASON_FOR_REFERRAL;

export const SUPPORT_PLAN_TYPE = {
  Education: 'Education',
  Financial: 'Financial',
  Health: 'Health',
  LabourExploitationRehabilitation: 'Labour Exploitation Rehabilitation',
  Legal: 'Legal',
  Livelihood: 'Livelihood',
  RightsBasedTraining: 'Rights-based Training',
  SexualExploitationRehabilitation: 'Sexual Exploitation Rehabilitation',
  SocialCare: 'Social Care',
} as const satisfies Picklist<string>;
export type HtcdsSupportPlanType = keyof typeof SUPPORT_PLAN_TYPE;

/** The picklists of the fields the export and import use, by field name including prefix. */
export const PICKLISTS: Readonly<Record<string, Picklist<string>>> = {
  org_Type: ORG_TYPE,
  prs_Gender: GENDER,
  vic_TraffickingStatus: TRAFFICKING_STATUS,
  vic_TraffickingStatusDecisionMakingOrg: DECISION_MAKING_ORG,
  vic_MethodOfRecruitment: METHOD_OF_RECRUITMENT,
  vic_MethodsOfControl: METHODS_OF_CONTROL,
  vic_TypeOfExploitation: TYPE_OF_EXPLOITATION,
  vic_TypeOfSexExploitation: TYPE_OF_SEX_EXPLOITATION,
  cas_Status: CASE_STATUS,
  cas_ReasonForIncomingReferral: REASON_FOR_REFERRAL,
  cas_ReasonForOutgoingReferral: REASON_FOR_REFERRAL,
  spl_Type: SUPPORT_PLAN_TYPE,
};

/** Multiselect fields: several value names in one cell, separated by ';' (as the template does). */
export const MULTISELECT_SEPARATOR = ';';
