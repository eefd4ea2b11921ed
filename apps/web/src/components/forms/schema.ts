import { commands } from 'virtual:ariadne-form-schemas';

/** One field of a command's request body, as form-schemas.plugin.mjs compacts it. */
export type FieldSchema =
  | {
      readonly kind: 'string';
      readonly format?: string;
      readonly maxLength?: number;
      readonly minLength?: number;
    }
  | { readonly kind: 'enum'; readonly enumName: string; readonly values: readonly string[] }
  | { readonly kind: 'enumArray'; readonly enumName: string; readonly values: readonly string[] }
  | { readonly kind: 'stringArray' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'number'; readonly min?: number }
  | ObjectSchema;

export interface PropertySchema {
  readonly name: string;
  readonly required: boolean;
  readonly schema: FieldSchema;
}

export interface ObjectSchema {
  readonly kind: 'object';
  readonly properties: readonly PropertySchema[];
}

/** A command route: its path template (`{caseId}`, `{serviceId}` …) and its body. */
export interface CommandSchema {
  readonly path: string;
  readonly ifMatch: boolean;
  readonly body: ObjectSchema;
}

/** The schema of a command by its type (the OpenAPI operationId, e.g. `RecordImmediateNeed`). */
export function commandSchema(type: string): CommandSchema | undefined {
  return commands[type];
}

/** The path parameters of a command other than the case (`serviceId`, `consentId` …). */
export function extraPathParams(schema: CommandSchema): string[] {
  return [...schema.path.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((p) => p !== '' && p !== 'caseId');
}

export type FormValues = Record<string, unknown>;

/**
 * The body to send: empty strings, unset optional values and optional objects left empty are
 * dropped (the API refuses empty strings for most fields); date-time fields entered as a date
 * become midnight UTC of that day.
 */
export function toBody(schema: ObjectSchema, values: FormValues): FormValues | undefined {
  const out: FormValues = {};
  for (const p of schema.properties) {
    const v = values[p.name];
    const s = p.schema;
    if (s.kind === 'object') {
      const nested = toBody(s, (v as FormValues | undefined) ?? {});
      if (nested !== undefined || p.required) out[p.name] = nested ?? {};
    } else if (s.kind === 'boolean') {
      if (v !== undefined || p.required) out[p.name] = v === true;
    } else if (s.kind === 'enumArray' || s.kind === 'stringArray') {
      const list = Array.isArray(v) ? v : [];
      if (list.length > 0 || p.required) out[p.name] = list;
    } else if (s.kind === 'number') {
      if (typeof v === 'number' && Number.isFinite(v)) out[p.name] = v;
    } else if (typeof v === 'string' && v.trim() !== '') {
      out[p.name] =
        p.name === 'occurredAt'
          ? occurredAtBody(v)
          : s.kind === 'string' && s.format === 'date-time'
            ? `${v}T00:00:00Z`
            : v.trim();
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * "When did this happen" (issue 10): a local date and time from a datetime-local input, sent as
 * an ISO instant; left empty it is absent, and the API takes now.
 */
export function occurredAtBody(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}
