/**
 * Seeds the demo community once: through the real wx-server-sdk against the emulator, as an admin script
 * would against CloudBase, so the demo data goes in by the same protocol everything else uses. A marker
 * document makes it happen once per data directory (`--fresh` starts again, `--no-seed` skips it).
 */
import { applySdkEnvironment } from '../sdkEnv';
import { demoCommunity, type DemoData } from './demoCommunity';

const MARKER = 'seed:demo-community';
const BATCH = 200;

interface SeedDb {
  collection(name: string): {
    where(q: object): { limit(n: number): { get(): Promise<{ data: unknown[] }> } };
    add(o: { data: object | object[] }): Promise<unknown>;
  };
}

export async function seedDemoCommunity(url: string, now: Date): Promise<'seeded' | 'already'> {
  const restore = applySdkEnvironment(url);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as { init(o: object): void; database(): SeedDb; DYNAMIC_CURRENT_ENV: symbol };
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    const db = cloud.database();
    const marker = await db.collection('counters').where({ _id: MARKER }).limit(1).get();
    if (marker.data.length) return 'already';
    const data: DemoData = demoCommunity(now);
    const plan: [string, object[]][] = [
      ['communities', data.communities],
      ['grids', data.grids],
      ['buildings', data.buildings],
      ['households', data.households],
      ['residents', data.residents],
      ['roleAssignments', data.assignments],
      ['bindingRequests', data.bindings],
      ['users', data.users],
      ['isolations', data.isolations],
      ['checkIns', data.checkIns],
      ['tasks', data.tasks],
      ['notices', data.notices],
      ['noticeReceipts', data.noticeReceipts],
      ['helpRequests', data.helpRequests],
      ['catalogItems', data.catalogItems],
      ['batches', data.batches],
      ['orders', data.orders],
    ];
    for (const [collection, docs] of plan) {
      for (let i = 0; i < docs.length; i += BATCH) await db.collection(collection).add({ data: docs.slice(i, i + BATCH) });
    }
    await db.collection('counters').add({ data: { _id: MARKER, communityId: data.communities[0]._id, at: now } });
    return 'seeded';
  } finally {
    restore();
  }
}
