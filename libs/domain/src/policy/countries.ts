import type { CountryCode, CountryPolicy } from './policy';

/**
 * Default country policies (DOMAIN.md "Country policy"). Every value carries its source; values
 * marked 'uncertain' are where public sources disagree, and a deployment should confirm them with
 * its national mechanism and override them by configuration (ARIADNE_POLICY_FILE).
 */
const VERSION = '2026-12-07';

const EU_BOUND = { coeConvention: true, euDirective: true, gdpr: true } as const;
const NOT_EU_BOUND = { coeConvention: true, euDirective: false, gdpr: true } as const;

/** Network defaults for obligations the national laws leave open (seed §2; R19). */
const COMMON = {
  deadlines: {
    identificationDecision: 'P14D',
    rightsInformation: 'P3D',
    healthCheckOffered: 'P2D',
    riskAssessment: 'P2D',
    needsAssessment: 'P21D',
    // R28: UK NRM guidance aims at a conclusive decision no sooner than 45 days after reasonable
    // grounds; no Nordic-Baltic law sets a limit. A network default (caseManagementSource).
    conclusiveIdentification: 'P90D',
  },
  reminderBefore: 'P3D',
  escalateAfter: 'P1D',
  stalledAfter: 'P30D',
  returnRiskAssessmentValidFor: 'P30D',
  permitExpiryReminderBefore: 'P2M',
  followUpsAfterReturn: ['P1M', 'P3M', 'P6M', 'P12M'],
  retentionAfterClosure: 'P5Y',
  recording: {
    maxLag: 'P90D',
    source: {
      citation: 'Network default (issue 10: facts dated when they happened); no law fixes it',
      confidence: 'uncertain',
      note: 'How late a decision, consent or service may be entered; confirm with the national mechanism.',
    },
  },
  caseManagementSource: {
    citation:
      'Nordic-Baltic network defaults (seed §2, §3); CoE Arts. 12, 13, 16 set no time limits',
    confidence: 'uncertain',
    note: 'No law fixes these durations; confirm them with the national mechanism.',
  },
  retentionSource: {
    citation: 'GDPR Art. 5(1)(e) storage limitation; national social-services record law',
    confidence: 'uncertain',
    note: 'Five years is a network default; national record-keeping laws differ.',
  },
} as const;

export const DEFAULT_POLICIES: Readonly<Record<CountryCode, CountryPolicy>> = {
  DK: {
    country: 'DK',
    version: VERSION,
    appliesIn: NOT_EU_BOUND,
    nationalMechanism: 'Danish Centre against Human Trafficking',
    reflection: {
      period: 'P30D',
      maxExtendedTo: 'P120D',
      source: {
        citation: 'Danish Aliens Act (Udlændingeloven) §33(14); CoE Art. 13',
        confidence: 'uncertain',
        note: 'Extension reported as 100 or 120 days; confirm which is current.',
      },
    },
    residencePermit: {
      available: false,
      grounds: [],
      renewable: false,
      source: { citation: 'No trafficking-specific permit; asylum route', confidence: 'confirmed' },
    },
    ...COMMON,
  },
  EE: {
    country: 'EE',
    version: VERSION,
    appliesIn: EU_BOUND,
    nationalMechanism: 'Social Insurance Board with NGOs',
    reflection: {
      period: 'P30D',
      maxExtendedTo: 'P60D',
      source: {
        citation: 'Victim Support Act §3(2); Directive 2004/81/EC Art. 6',
        confidence: 'uncertain',
        note: '30 to 60 days; the prosecutor decides the length.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation'],
      typicalValidity: 'P6M',
      renewable: true,
      source: {
        citation: 'Aliens Act, temporary permit on public-interest ground',
        confidence: 'confirmed',
      },
    },
    ...COMMON,
  },
  FI: {
    country: 'FI',
    version: VERSION,
    appliesIn: EU_BOUND,
    nationalMechanism: 'Assistance System for Victims of Human Trafficking',
    reflection: {
      period: 'P30D',
      maxExtendedTo: 'P6M',
      source: {
        citation: 'Aliens Act 301/2004 §52d',
        confidence: 'confirmed',
        note: '30 days to 6 months.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation', 'personal-situation'],
      typicalValidity: 'P6M',
      renewable: true,
      source: {
        citation: 'Aliens Act 301/2004 §52a',
        confidence: 'confirmed',
        note: 'Temporary (cooperation) or continuous (particularly vulnerable).',
      },
    },
    ...COMMON,
  },
  IS: {
    country: 'IS',
    version: VERSION,
    appliesIn: NOT_EU_BOUND,
    nationalMechanism: 'Family Justice Center referral; police and immigration',
    reflection: {
      period: 'P9M',
      source: {
        citation: 'Foreign Nationals Act 80/2016 Art. 75',
        confidence: 'uncertain',
        note: 'Up to 9 months through a temporary permit.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['personal-situation', 'cooperation'],
      typicalValidity: 'P1Y',
      renewable: true,
      source: { citation: 'Foreign Nationals Act 80/2016 Art. 75', confidence: 'confirmed' },
    },
    ...COMMON,
  },
  LT: {
    country: 'LT',
    version: VERSION,
    appliesIn: EU_BOUND,
    nationalMechanism: 'Police or specialised NGOs',
    reflection: {
      period: 'P30D',
      source: {
        citation: 'Law on the Legal Status of Aliens Art. 49(1)',
        confidence: 'uncertain',
        note: 'Older sources give 6 months.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation'],
      typicalValidity: 'P6M',
      renewable: true,
      source: { citation: 'Law on the Legal Status of Aliens Art. 49(1)', confidence: 'confirmed' },
    },
    ...COMMON,
  },
  LV: {
    country: 'LV',
    version: VERSION,
    appliesIn: EU_BOUND,
    nationalMechanism: 'State-funded rehabilitation (up to 180 days) with NGOs',
    reflection: {
      period: 'P30D',
      source: { citation: 'Immigration Law §9.1', confidence: 'confirmed' },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation'],
      typicalValidity: 'P6M',
      renewable: true,
      source: {
        citation: 'Immigration Law §23(2)',
        confidence: 'confirmed',
        note: 'At least 6 months if cooperating.',
      },
    },
    ...COMMON,
  },
  NO: {
    country: 'NO',
    version: VERSION,
    appliesIn: NOT_EU_BOUND,
    nationalMechanism: 'National coordination unit (no formal NRM)',
    reflection: {
      period: 'P6M',
      source: {
        citation: 'Immigration Regulations §8-3',
        confidence: 'confirmed',
        note: 'A 6-month permit that includes the right to work.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation', 'personal-situation'],
      typicalValidity: 'P12M',
      renewable: true,
      source: { citation: 'Immigration Regulations §8-4', confidence: 'confirmed' },
    },
    ...COMMON,
  },
  SE: {
    country: 'SE',
    version: VERSION,
    appliesIn: EU_BOUND,
    nationalMechanism: "Gender Equality Agency's national referral mechanism",
    reflection: {
      period: 'P30D',
      source: {
        citation: 'Aliens Act (2005:716) ch. 5 §15',
        confidence: 'confirmed',
        note: 'A 30-day temporary permit.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation'],
      typicalValidity: 'P6M',
      renewable: true,
      source: {
        citation: 'Aliens Act (2005:716) ch. 5 §15',
        confidence: 'confirmed',
        note: 'Extendable while proceedings last.',
      },
    },
    ...COMMON,
  },
  // A country of return outside the network: its receiving organisations open the linked case
  // of a referral they accept (R18). Values to be confirmed with the Romanian national mechanism.
  RO: {
    country: 'RO',
    version: VERSION,
    appliesIn: EU_BOUND,
    nationalMechanism: 'National Agency against Trafficking in Persons (ANITP)',
    reflection: {
      period: 'P90D',
      source: {
        citation: 'Law 678/2001 on preventing and combating trafficking in persons, art. 39',
        confidence: 'uncertain',
        note: 'A recovery and reflection period of up to 90 days for foreign victims.',
      },
    },
    residencePermit: {
      available: true,
      grounds: ['cooperation'],
      typicalValidity: 'P6M',
      renewable: true,
      source: {
        citation: 'Government Emergency Ordinance 194/2002 on the regime of aliens',
        confidence: 'uncertain',
        note: 'Temporary residence for victims who cooperate with the authorities.',
      },
    },
    ...COMMON,
  },
};
