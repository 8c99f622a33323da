// Stages every update a peer sends in a scratch copy of the doc before it may touch the live one.
//
// Yjs can integrate part of an update and then throw on the rest (a truncated delete set, a damaged struct),
// leaving the doc half-changed; and a well-formed update can still carry junk (a 1 MiB string, a nested
// type, a raw delete of someone's post). The scratch doc mirrors the live doc; an update is applied there
// first and checked value by value (shared/circles/docValues.ts). Only an update that applied whole and
// holds nothing refused goes on to the live doc, where it applies exactly as it did in the scratch doc
// (same state, same update). A refused update leaves the scratch doc rebuilt from the live one.
import * as Y from 'yjs';
import { docValueProblem, type DocValueProblem } from '@shared/circles/docValues';

/**
 * `incomplete`: the update builds on changes this doc does not have. Over one ordered channel an honest peer
 * sends what an update builds on first (or in its sync step 2, which follows), so such an update is only
 * held back, never kept waiting in the doc, where it could carry anything past these checks.
 */
export type StageProblem = 'damaged' | 'incomplete' | DocValueProblem | 'nested-type' | 'list-content';

export type StageResult = { readonly ok: true } | { readonly ok: false; readonly problem: StageProblem };

export interface UpdateStager {
  /** Applies `update` to the scratch doc and checks what it changed; the live doc is not touched. */
  stage(update: Uint8Array): StageResult;
  /** Stops mirroring the live doc and frees the scratch copy. */
  destroy(): void;
}

export function createUpdateStager(live: Y.Doc): UpdateStager {
  let scratch = copyOf(live);
  let destroyed = false;
  // Every change the live doc takes (local writes, staged updates merged, anything else) reaches the scratch
  // doc too. Applying an update the scratch doc already holds is a no-op in Yjs, so the order is free.
  const mirror = (update: Uint8Array): void => {
    if (destroyed) return;
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      // The live doc produced this update, so it applies; should it ever not, start from the live doc again.
      scratch.destroy();
      scratch = copyOf(live);
    }
  };
  live.on('update', mirror);

  return {
    stage(update) {
      if (destroyed) return { ok: false, problem: 'damaged' };
      let problem: StageProblem | null = null;
      let touched = false;
      const inspect = (transaction: Y.Transaction): void => {
        touched ||= changedAnything(transaction);
        problem ??= firstProblem(transaction);
      };
      scratch.on('afterTransaction', inspect);
      try {
        Y.applyUpdate(scratch, update, STAGING);
      } catch {
        problem = 'damaged';
      } finally {
        scratch.off('afterTransaction', inspect);
      }
      if (problem === null && (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null)) problem = 'incomplete';
      if (problem === null) return { ok: true };
      if (touched || scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
        // The scratch doc now holds part or all of a refused update: throw it away and copy the live doc again.
        scratch.destroy();
        scratch = copyOf(live);
      }
      return { ok: false, problem };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      live.off('update', mirror);
      scratch.destroy();
    },
  };
}

const STAGING = Symbol('hearth.circles.staging');

function copyOf(doc: Y.Doc): Y.Doc {
  // gc stays on, like the live doc, so both integrate (and garbage-collect) alike.
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Whether a transaction integrated or deleted anything (one that threw at once changed nothing). */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0 || transaction.changed.size > 0) return true;
  if (transaction.beforeState.size !== transaction.afterState.size) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/** The first thing a transaction changed that the doc may not hold: only flat maps of bounded records. */
function firstProblem(transaction: Y.Transaction): StageProblem | null {
  const names = new Map<object, string>();
  for (const [name, type] of transaction.doc.share) names.set(type, name);
  for (const [type, keys] of transaction.changed) {
    const name = names.get(type);
    if (name === undefined || type._item !== null) return 'nested-type';
    for (const key of keys) {
      if (key === null) return 'list-content';
      const problem = docValueProblem(name, key, currentValue(type, key));
      if (problem !== null) return problem;
    }
  }
  return null;
}

/**
 * A map key's value, read from the type's items: a top-level type that this device never opened is a bare
 * AbstractType (not a Y.Map), so its entries are read the way Y.Map reads them.
 */
function currentValue(type: { readonly _map: Map<string, Y.Item> }, key: string): unknown {
  const item = type._map.get(key);
  if (item === undefined || item.deleted) return undefined;
  const content: unknown[] = item.content.getContent();
  const value = content[content.length - 1];
  return value instanceof Y.AbstractType ? new NestedType() : value;
}

/** Stands for a Y type stored as a value: never a plain record, so the value check refuses it. */
class NestedType {}
