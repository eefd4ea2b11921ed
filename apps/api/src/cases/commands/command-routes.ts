import type {
  CaseCommand,
  CaseCommandType,
  DataCategory,
  ReceiverCommandType,
  TimedCommandType,
} from '@ariadne/domain';

/**
 * The commands a person issues over HTTP on a case: every command but opening, the case's own
 * timers, and the receiving organisation's answers (the /referrals/received routes send those).
 */
export type PersonCommandType = Exclude<
  CaseCommandType,
  TimedCommandType | ReceiverCommandType | 'OpenCase'
>;
export type PersonCommand = Extract<CaseCommand, { type: PersonCommandType }>;

/** The phases of the journey, as the API groups its command routes (OpenAPI tags, docs/api.md). */
export const ROUTE_GROUPS = [
  'intake',
  'reflection',
  'assessment-and-support',
  'pathway-and-integration',
  'departure-and-follow-up',
  'cross-border-referral',
  'case-management',
] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

export interface CommandRoute {
  /** Relative to /cases/{caseId}; `{serviceId}`-style segments are path parameters. */
  readonly path: string;
  readonly group: RouteGroup;
  /** The rule of docs/rules.md the command serves and that names its refusals. */
  readonly rule: string;
  readonly summary: string;
  /** Decided by a supervisor of the case's organisation; others get 403 naming the rule. */
  readonly supervisorOnly?: boolean;
  /** Her decision: the body carries `communication` (her language, interpreter used). */
  readonly herDecision?: boolean;
  /** The data categories the command may carry (for the audit trail, P5). */
  readonly categories: readonly DataCategory[];
}

/**
 * One HTTP path per command a person issues. Keyed by command type, so the compiler refuses a
 * command without a path; the route decorators and GET /cases/{id}/actions both read it.
 */
export const COMMAND_ROUTES: { readonly [T in PersonCommandType]: CommandRoute } = {
  // Referral & intake
  RecordPersonDetails: {
    path: 'person-details',
    group: 'intake',
    rule: 'P6',
    summary: 'Record who she is and how to reach her, when she chooses to say (never required)',
    categories: ['identity', 'contact-location'],
  },
  RecordImmediateNeed: {
    path: 'immediate-needs',
    group: 'intake',
    rule: 'R2',
    summary: 'Record an immediate need, from the first minute',
    categories: [],
  },
  RecordImmediateNeedMet: {
    path: 'immediate-needs/met',
    group: 'intake',
    rule: 'R2',
    summary: 'Record that an open immediate need was met',
    categories: [],
  },
  RecordIdentification: {
    path: 'identification',
    group: 'intake',
    rule: 'R1',
    summary: 'Record the reasonable-grounds decision; a positive one starts reflection (R7)',
    categories: [],
  },
  RecordConclusiveIdentification: {
    path: 'identification/conclusive',
    group: 'intake',
    rule: 'R28',
    summary:
      'Record the conclusive identification decision, after a positive reasonable-grounds one',
    categories: [],
  },
  // Recovery & reflection
  ExtendReflectionPeriod: {
    path: 'reflection/extension',
    group: 'reflection',
    rule: 'R7',
    summary: 'Lengthen the reflection period to a total length from its start; never shorten it',
    categories: [],
  },
  EndReflectionPeriodEarly: {
    path: 'reflection/early-end',
    group: 'reflection',
    rule: 'R8',
    summary: 'End the reflection period early, for public order or an improper claim only',
    supervisorOnly: true,
    categories: [],
  },
  // Assessment & individual support plan
  RecordRightsInformation: {
    path: 'rights-information',
    group: 'assessment-and-support',
    rule: 'R10',
    summary: 'Record that she was informed of her rights, in a language she understands',
    herDecision: true,
    categories: ['identity'],
  },
  RecordHealthCheckOffered: {
    path: 'health-check-offered',
    group: 'assessment-and-support',
    rule: 'R4',
    summary: 'Record that a health check was offered to her',
    categories: [],
  },
  RecordNeedsAssessment: {
    path: 'assessments/needs',
    group: 'assessment-and-support',
    rule: 'R6',
    summary: 'Record her assessed needs; her plan follows them; a new one replaces the last',
    categories: ['health'],
  },
  RecordRiskAssessment: {
    path: 'assessments/risk',
    group: 'assessment-and-support',
    rule: 'R9',
    summary: 'Record a safety/retaliation risk assessment, general or before a departure',
    categories: ['contact-location', 'return'],
  },
  RequestService: {
    path: 'services',
    group: 'assessment-and-support',
    rule: 'R6',
    summary: 'Request a service of her plan (health care: always, R4; immediate: R2)',
    categories: ['health'],
  },
  RecordServiceProvided: {
    path: 'services/{serviceId}/provided',
    group: 'assessment-and-support',
    rule: 'R5',
    summary: 'Record that a requested service is provided; needs her current consent',
    categories: ['contact-location', 'health'],
  },
  RecordServiceDeclined: {
    path: 'services/{serviceId}/declined',
    group: 'assessment-and-support',
    rule: 'R5',
    summary: 'Record that she declines one service; nothing else changes',
    herDecision: true,
    categories: ['identity'],
  },
  RecordServiceUnavailable: {
    path: 'services/{serviceId}/unavailable',
    group: 'assessment-and-support',
    rule: 'R6',
    summary: 'Record that a requested service is unavailable, and why',
    categories: [],
  },
  GiveConsent: {
    path: 'consents',
    group: 'assessment-and-support',
    rule: 'R5',
    summary: 'Record her consent: to a service, to her return, or to sharing data (P4)',
    herDecision: true,
    categories: ['identity'],
  },
  WithdrawConsent: {
    path: 'consents/{consentId}/withdrawal',
    group: 'assessment-and-support',
    rule: 'R15',
    summary: 'Record that she withdraws a consent; a return consent suspends the return',
    herDecision: true,
    categories: ['identity'],
  },
  // Pathway, integration
  RecordPathwayChoice: {
    path: 'pathway',
    group: 'pathway-and-integration',
    rule: 'R12',
    summary: 'Record her pathway, as her decision; she may change it at any time',
    herDecision: true,
    categories: ['identity'],
  },
  AgreeIntegrationPlan: {
    path: 'integration-plan',
    group: 'pathway-and-integration',
    rule: 'R13',
    summary: 'Agree the milestones of her integration plan (after her choice to stay)',
    categories: [],
  },
  RecordMilestoneReached: {
    path: 'milestones',
    group: 'pathway-and-integration',
    rule: 'R13',
    summary: 'Record that a milestone of her integration plan is reached',
    categories: [],
  },
  ApplyForResidencePermit: {
    path: 'residence-permit/application',
    group: 'pathway-and-integration',
    rule: 'R11',
    summary: 'Record an application (or renewal) for a trafficking-specific residence permit',
    categories: ['immigration'],
  },
  RecordResidencePermitDecision: {
    path: 'residence-permit/decision',
    group: 'pathway-and-integration',
    rule: 'R11',
    summary: 'Record the permit decision; a granted permit has an expiry date',
    categories: ['immigration'],
  },
  RecordAsylumClaim: {
    path: 'asylum-claim',
    group: 'pathway-and-integration',
    rule: 'R11',
    summary: 'Record an asylum claim step; always open, whatever any permit',
    categories: ['immigration'],
  },
  // Return or third-country settlement, follow-up
  RecordReintegrationPlan: {
    path: 'departure/reintegration-plan',
    group: 'departure-and-follow-up',
    rule: 'R14',
    summary: 'Record the reintegration and financial-assistance plan for her chosen departure',
    categories: ['return'],
  },
  RecordReintegrationFundingApproved: {
    path: 'departure/funding-approved',
    group: 'departure-and-follow-up',
    rule: 'R14',
    summary: 'Record that the host country approved the funding of the plan',
    categories: [],
  },
  RecordAssistingContactsGiven: {
    path: 'departure/contacts-given',
    group: 'departure-and-follow-up',
    rule: 'R14',
    summary: 'Record that she was given the contacts of the assisting structures',
    categories: ['return'],
  },
  RecordLegalStatusConsidered: {
    path: 'departure/legal-status-considered',
    group: 'departure-and-follow-up',
    rule: 'R14',
    summary: 'Record that the legal-proceedings status was considered (never required, R3)',
    categories: ['legal'],
  },
  RecordTravelArranged: {
    path: 'departure/travel',
    group: 'departure-and-follow-up',
    rule: 'R14',
    summary: 'Record the travel arrangements for her chosen departure',
    categories: ['return'],
  },
  ExecuteReturn: {
    path: 'departure/execution',
    group: 'departure-and-follow-up',
    rule: 'R14',
    summary: 'She departs: accepted only when the whole gate holds now (R7, R14, R16)',
    categories: [],
  },
  RecordFollowUp: {
    path: 'follow-ups',
    group: 'departure-and-follow-up',
    rule: 'R17',
    summary: 'Record a follow-up with the receiving organisation after her return',
    categories: ['return'],
  },
  RecordReturnFinancialAssistance: {
    path: 'return-financial-assistance',
    group: 'departure-and-follow-up',
    rule: 'R17',
    summary: 'Record financial assistance paid after her return',
    categories: ['return'],
  },
  RecordReTraffickingRisk: {
    path: 're-trafficking-risk',
    group: 'departure-and-follow-up',
    rule: 'R17',
    summary: 'Flag or clear a re-trafficking risk after her return',
    categories: [],
  },
  // Cross-border referral
  SendCrossBorderReferral: {
    path: 'referrals',
    group: 'cross-border-referral',
    rule: 'R18',
    summary: 'Refer her abroad, carrying only the categories she consented to share',
    categories: ['identity', 'contact-location', 'health', 'legal', 'immigration', 'return'],
  },
  // Case management
  RecordLegalStep: {
    path: 'legal-steps',
    group: 'case-management',
    rule: 'R3',
    summary: 'Record a legal-proceedings step; beside the journey, a condition for nothing',
    categories: ['legal'],
  },
  AddNote: {
    path: 'notes',
    group: 'case-management',
    rule: 'P2',
    summary:
      'Add a case note; its text is personal data, sealed with the case key and erased with it',
    categories: ['notes'],
  },
  ReassignCase: {
    path: 'reassignment',
    group: 'case-management',
    rule: 'R22',
    summary: 'Hand the case to another caseworker of the organisation',
    supervisorOnly: true,
    categories: [],
  },
  CloseCase: {
    path: 'closure',
    group: 'case-management',
    rule: 'R23',
    summary: 'Close the case, with a reason',
    categories: [],
  },
  ReopenCase: {
    path: 'reopening',
    group: 'case-management',
    rule: 'R23',
    summary: 'Reopen a closed case, with a reason',
    categories: [],
  },
  EraseOnRequest: {
    path: 'erasure',
    group: 'case-management',
    rule: 'P7',
    summary: 'Erase her personal data on her request (GDPR 17); the case must be closed (R23)',
    supervisorOnly: true,
    herDecision: true,
    categories: ['identity'],
  },
  ResolveRefusedFact: {
    path: 'refused-facts/resolution',
    group: 'case-management',
    rule: 'R30',
    summary: 'Resolve a fact a partner system reported and a rule refused',
    categories: [],
  },
  ProposeTransfer: {
    path: 'transfer',
    group: 'case-management',
    rule: 'R31',
    summary:
      'Propose to transfer the case to another organisation of the same country, with her consent',
    herDecision: true,
    categories: ['identity'],
  },
  AnswerTransfer: {
    path: 'transfer/answer',
    group: 'case-management',
    rule: 'R31',
    summary:
      "Accept (naming the responsible caseworker) or decline a transfer: the receiving organisation's supervisor",
    categories: [],
  },
  WithdrawTransfer: {
    path: 'transfer/withdrawal',
    group: 'case-management',
    rule: 'R31',
    summary: 'Withdraw a transfer nobody has answered yet',
    categories: [],
  },
};

export function isPersonCommandType(type: string): type is PersonCommandType {
  return Object.prototype.hasOwnProperty.call(COMMAND_ROUTES, type);
}

/** The route as Nest declares it, below the cases controller: `:caseId/services/:serviceId/…`. */
export function nestRoutePath(type: PersonCommandType): string {
  return `:caseId/${COMMAND_ROUTES[type].path.replace(/\{(\w+)\}/g, ':$1')}`;
}

/** The path parameters of a route besides caseId, e.g. ['serviceId']. */
export function pathParameters(type: PersonCommandType): string[] {
  return [...COMMAND_ROUTES[type].path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** The absolute path of a command on one case; other parameters stay as `{serviceId}`. */
export function commandHttpPath(caseId: string, type: PersonCommandType): string {
  return `/api/v1/cases/${caseId}/${COMMAND_ROUTES[type].path}`;
}
