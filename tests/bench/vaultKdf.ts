// Argon2id cost of the vault's passcode key in Node (hash-wasm), plus sealing and opening one record.
// Run on its own: `npx tsx tests/bench/vaultKdf.ts`. Prints one JSON object.
import { performance } from 'node:perf_hooks';
import { randomBytes } from '../../shared/circles/bytes';
import { createVault, PASSCODE_KDF, passcodeKey } from '../../shared/vault/keys';
import { openRecord, sealRecord } from '../../shared/vault/records';
import { p50p95 } from './stats';

const RUNS = 5;
const derive: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await passcodeKey('quiet harbour lantern 7', randomBytes(16), PASSCODE_KDF);
  derive.push(performance.now() - start);
}

const { vault } = await createVault('quiet harbour lantern 7', { memoryKiB: 64, iterations: 1, parallelism: 1 });
const place = { store: 'checkIns', id: 'c-1', schemaVersion: 1 };
const value = { mood: 4, emotions: ['calm', 'hopeful'], note: 'A walk by the river. '.repeat(20) };
const seal: number[] = [];
const open: number[] = [];
for (let i = 0; i < 200; i++) {
  let start = performance.now();
  const sealed = await sealRecord(vault, place, value);
  seal.push(performance.now() - start);
  start = performance.now();
  const opened = await openRecord(vault, place, sealed);
  open.push(performance.now() - start);
  if (!opened.ok) throw new Error('bench: a sealed record did not open');
}

process.stdout.write(`${JSON.stringify({ argon2id: PASSCODE_KDF, runs: RUNS, ...p50p95('derive', derive), ...p50p95('seal', seal), ...p50p95('open', open) })}\n`);
