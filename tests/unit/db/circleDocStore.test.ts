// Circle documents survive a restart, squash into one row, and skip a damaged row without losing the rest.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { HearthDatabase } from '../../../renderer/src/db/database';
import { CircleDocStore } from '../../../renderer/src/db/circleDocStore';

let db: HearthDatabase;

beforeEach(async () => {
  db = new HearthDatabase(`circle-docs-${String(Math.random())}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('CircleDocStore', () => {
  it('stores every change and loads it back into a fresh document', async () => {
    const store = new CircleDocStore(db);
    const doc = new Y.Doc();
    const detach = await store.attach('circle-a', doc);
    for (let i = 0; i < 25; i++) doc.getMap('envelopes').set(`k${String(i)}`, `v${String(i)}`);
    await detach();

    const again = new Y.Doc();
    await store.load('circle-a', again);
    expect(again.getMap('envelopes').toJSON()).toEqual(doc.getMap('envelopes').toJSON());
    const other = new Y.Doc();
    await store.load('circle-b', other);
    expect(other.getMap('envelopes').size).toBe(0);
  });

  it('squashes many updates into one row with the same content', async () => {
    const store = new CircleDocStore(db, { compactAfterRows: 10 });
    const doc = new Y.Doc();
    const detach = await store.attach('circle-a', doc);
    for (let i = 0; i < 35; i++) doc.getMap('envelopes').set(`k${String(i)}`, i);
    await detach();
    expect(await db.circleUpdates.where('circleId').equals('circle-a').count()).toBeLessThanOrEqual(10);
    const again = new Y.Doc();
    await store.load('circle-a', again);
    expect(again.getMap('envelopes').size).toBe(35);
  });

  it('does not write back what it loaded, and skips a damaged row', async () => {
    const damaged: string[] = [];
    const store = new CircleDocStore(db, { onDamagedUpdate: (circleId) => damaged.push(circleId) });
    const doc = new Y.Doc();
    const detach = await store.attach('circle-a', doc);
    doc.getMap('envelopes').set('kept', 1);
    await detach();
    await db.circleUpdates.add({ circleId: 'circle-a', update: new Uint8Array([1, 2, 3, 250, 251]) });
    const rowsBefore = await db.circleUpdates.count();

    const again = new Y.Doc();
    const stop = await store.attach('circle-a', again);
    await stop();
    expect(again.getMap('envelopes').get('kept')).toBe(1);
    expect(damaged).toEqual(['circle-a']);
    expect(await db.circleUpdates.count()).toBe(rowsBefore);
  });

  it('forgets a circle entirely', async () => {
    const store = new CircleDocStore(db);
    await store.append('circle-a', Y.encodeStateAsUpdate(new Y.Doc()));
    await store.remove('circle-a');
    expect(await db.circleUpdates.count()).toBe(0);
  });
});
