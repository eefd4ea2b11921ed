/** The compact request schemas made by form-schemas.plugin.mjs from apps/web/openapi.json. */
declare module 'virtual:ariadne-form-schemas' {
  import type { CommandSchema } from './schema';
  export const commands: Readonly<Record<string, CommandSchema>>;
}
