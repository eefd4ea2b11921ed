export * from './identity.constants';
export * from './identity.repository';
export * from './password-hashing';
export * from './demo-seed';
export { OrganisationEntity } from './organisation.entity';
export { UserEntity } from './user.entity';
export * from './refresh-tokens';
export * from './password-tokens';
