// @ts-check
// Vite plugin: `import { commands } from 'virtual:ariadne-form-schemas'` gives the request body
// schema of every command (POST) route in a compact form, derived at build time from the
// generated OpenAPI document (apps/web/openapi.json, ~270 KB) so that the browser downloads a few
// KB instead. The generic <CommandForm> renders its fields from it.
import fs from 'node:fs';
import { URL, fileURLToPath } from 'node:url';

const ID = 'virtual:ariadne-form-schemas';
const RESOLVED = `\0${ID}`;
const OPENAPI = fileURLToPath(new URL('../../../openapi.json', import.meta.url));

/**
 * The message family of each enum (`enum.<name>.<value>` in the catalogues), by its set of values:
 * the same set in two DTOs is one family. An unknown set falls back to the property's name.
 */
const ENUM_NAMES = {
  'police|migration-authority|border-guard|customs|ngo-outreach|health-service|social-services|helpline|self-referral|other':
    'referralSource',
  'safety|accommodation|emergency-health-care|interpretation|food-and-clothing': 'immediateNeed',
  'reasonable-grounds|no-reasonable-grounds': 'identificationOutcome',
  'positive|negative': 'conclusiveOutcome',
  'public-order|improper-claim': 'reflectionEndReason',
  'victim-rights|reflection-period|residence|legal-proceedings|compensation|legal-counselling|return-options':
    'rightsTopic',
  'shelter|confidential-address|health-care|psychosocial|interpretation|legal-counselling|financial|education|employment|childrens-needs':
    'serviceKind',
  'general|departure': 'riskScope',
  'low|medium|high': 'riskLevel',
  'confidential-address|safety-plan|police-protection|restricted-record-access|escorted-travel':
    'protectionMeasure',
  'immediate|plan': 'serviceBasis',
  'no-capacity|not-offered-in-area|waiting-list': 'unavailabilityReason',
  'service|return|data-sharing': 'consentKind',
  'return-reception|third-country-reception|services': 'referralPurpose',
  'identity|contact-location|health|legal|immigration|return|notes': 'dataCategory',
  'residence-permit|language|housing|work|education': 'milestone',
  'personal-situation|cooperation': 'permitGround',
  'granted|refused': 'permitOutcome',
  'lodged|granted|refused|withdrawn': 'asylumStatus',
  'reached|not-reached': 'followUpContact',
  'flagged|cleared': 'reTraffickingRisk',
  'accepted|declined': 'referralResponse',
  'police-report-filed|police-report-declined|investigation-opened|investigation-closed|prosecution-started|witness-role-accepted|witness-role-declined|trial-concluded|compensation-claimed|compensation-decided':
    'legalStep',
  'caseworker-unavailable|workload|her-request|conflict-of-interest': 'reassignmentReason',
  'support-completed|follow-up-completed|she-ended-contact|contact-lost|transferred|no-reasonable-grounds':
    'closureReason',
  'she-asked-for-support|new-information|closed-in-error': 'reopeningReason',
  'return|third-country': 'departurePathway',
  'undecided|integration|return|third-country': 'pathway',
};

/** @param {any} doc */
function compact(doc) {
  const schemas = doc.components?.schemas ?? {};
  /** @param {any} s */
  const resolve = (s) => {
    if (s?.$ref) return resolve(schemas[s.$ref.split('/').pop()]);
    if (s?.allOf?.length === 1) return resolve(s.allOf[0]);
    return s ?? {};
  };
  /** @param {any} raw @param {string} name @returns {any} */
  const field = (raw, name) => {
    const s = resolve(raw);
    if (Array.isArray(s.enum)) {
      return { kind: 'enum', enumName: ENUM_NAMES[s.enum.join('|')] ?? name, values: s.enum };
    }
    if (s.type === 'array') {
      const item = resolve(s.items);
      if (Array.isArray(item.enum)) {
        const enumName = ENUM_NAMES[item.enum.join('|')] ?? name;
        return { kind: 'enumArray', enumName, values: item.enum };
      }
      return { kind: 'stringArray' };
    }
    if (s.type === 'boolean') return { kind: 'boolean' };
    if (s.type === 'number' || s.type === 'integer') {
      return { kind: 'number', ...(s.minimum !== undefined && { min: s.minimum }) };
    }
    if (s.type === 'object' || s.properties) {
      const required = new Set(s.required ?? []);
      return {
        kind: 'object',
        properties: Object.entries(s.properties ?? {}).map(([n, v]) => ({
          name: n,
          required: required.has(n),
          schema: field(v, n),
        })),
      };
    }
    return {
      kind: 'string',
      ...(s.format && { format: s.format }),
      ...(s.maxLength !== undefined && { maxLength: s.maxLength }),
      ...(s.minLength !== undefined && { minLength: s.minLength }),
    };
  };
  /** @type {Record<string, unknown>} */
  const commands = {};
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    const op = /** @type {any} */ (ops).post;
    const body = op?.requestBody?.content?.['application/json']?.schema;
    if (!op?.operationId || !body || !path.startsWith('/api/v1/cases')) continue;
    commands[op.operationId] = {
      path,
      ifMatch: (op.parameters ?? []).some(
        (/** @type {any} */ p) => p.in === 'header' && p.name === 'If-Match',
      ),
      body: field(body, op.operationId),
    };
  }
  return commands;
}

/** @returns {import('vite').Plugin} */
export function formSchemas() {
  return {
    name: 'ariadne-form-schemas',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(OPENAPI);
      const commands = compact(JSON.parse(fs.readFileSync(OPENAPI, 'utf8')));
      return `export const commands = ${JSON.stringify(commands)};`;
    },
  };
}
