export { AeadError } from './aead';
export * from './keyring';
export * from './codec';
export { failureConverter } from './failure-converter';
export * from './key-wrapper';
export * from './errors';
export { createFieldCipher, DataKey, FIELD_TOKEN_PREFIX, isFieldToken } from './field-cipher';
export type { FieldCipher } from './field-cipher';
export {
  decryptPaths,
  encryptPaths,
  hasEncryptedValues,
  hasPersonalValues,
  isErased,
} from './personal-data';
export type { Erased, PersonalPaths } from './personal-data';
export * from './case-keys';
export * from './referral-package';
export * from './blind-index';
export * from './config';
export * from './redaction';
export * from './temporal-logger';
export * from './tracing';
export * from './security.module';
export * from './logging.module';
export { SecretBox, SecretBoxError, totpSecretBox } from './secret-box';
