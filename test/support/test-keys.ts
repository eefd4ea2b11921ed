/**
 * Keys for tests only, fixed so that saved workflow histories (encrypted, as every history is)
 * can be replayed in CI. Never use these anywhere else; a deployment generates its own.
 */
export const TEST_PAYLOAD_KEYS = 'test-payload-2026:' + Buffer.alloc(32, 7).toString('base64');
export const TEST_MASTER_KEY = 'test-master-2026:' + Buffer.alloc(32, 9).toString('base64');
export const TEST_AUDIT_KEYS = 'test-audit-2026:' + Buffer.alloc(32, 11).toString('base64');
