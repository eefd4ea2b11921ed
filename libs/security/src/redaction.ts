/**
 * Pino `redact` paths (P1: no personal data in logs). Pino matches exact paths with `*` for one
 * level, not recursively, so each personal field name is listed at the top level and up to three
 * levels down. This is a safety net: the primary rule is not to log payloads at all.
 */
export const PERSONAL_FIELDS: readonly string[] = [
  'name',
  'fullName',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'givenName',
  'familyName',
  'surname',
  'alias',
  'dateOfBirth',
  'date_of_birth',
  'birthDate',
  'dob',
  'phone',
  'phoneNumber',
  'mobile',
  'email',
  'address',
  'postalAddress',
  'personal',
];

const CREDENTIAL_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

export const redactPaths: readonly string[] = [
  ...CREDENTIAL_PATHS,
  ...DEPTHS.flatMap((prefix) => PERSONAL_FIELDS.map((field) => prefix + field)),
];

/** Ready for `pino({ redact: redactOptions })` or nestjs-pino's `pinoHttp.redact`. */
export const redactOptions = { paths: [...redactPaths], censor: '[REDACTED]' };
