// Test-only Argon2id cost: far below PASSCODE_KDF so most vault tests run in milliseconds.
import type { Argon2Params } from '@shared/vault/keys';

export const TEST_KDF: Argon2Params = { memoryKiB: 64, iterations: 1, parallelism: 1 };
