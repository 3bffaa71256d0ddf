/**
 * The emulator bench's data and operations, shared by the bench process (seeding, sanity counts) and the client
 * processes that generate the load (bench/lib/clientProcess.ts): the same documents, the same queries.
 */
import type { Doc, SdkCollection } from './sdk';

export const COLLECTION = 'auditLogs';
export const DOCS = 20_000;
export const COMMUNITIES = 20;
const ACTIONS = ['order.create', 'order.accept', 'checkIn.submit', 'notice.publish', 'isolation.start'];
const BASE_TIME = Date.UTC(2026, 0, 1);

export const docId = (n: number) => `log-${String(n).padStart(6, '0')}`;
export const communityId = (c: number) => `community-${String(c).padStart(2, '0')}`;

export function auditDoc(n: number, community: string): Doc {
  return {
    _id: docId(n),
    communityId: community,
    action: ACTIONS[n % ACTIONS.length],
    actorOpenid: `openid-${n % 500}`,
    target: { kind: 'order', id: `order-${n}` },
    createdAt: new Date(BASE_TIME + n * 60_000),
    detail: { summary: `楼道长处理第 ${n} 号订单`, building: `B${n % 12}`, items: n % 7 },
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same ids and the same mix. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type OpName = 'docGet' | 'indexedQuery' | 'insert' | 'mix' | 'probeSmall' | 'probeLarge';
export type Op = () => Promise<string>;

export const PROBE_COMMUNITY = 'community-probe';

/**
 * The operations over `col`, drawing from `random`. Each returns its kind (for per-kind latencies); the indexed
 * query checks it got its 20 documents. New documents get ids from `newId` (unique across processes).
 */
export function emulatorOps(col: SdkCollection, random: () => number): Record<OpName, Op> {
  const randomDoc = () => docId(Math.floor(random() * DOCS));
  const randomCommunity = () => communityId(Math.floor(random() * COMMUNITIES));
  let inserted = 0;
  const docGet: Op = async () => {
    await col.doc(randomDoc()).get();
    return 'doc().get()';
  };
  const indexedQuery: Op = async () => {
    const res = await col.where({ communityId: randomCommunity() }).orderBy('createdAt', 'desc').limit(20).get();
    if (res.data.length !== 20) throw new Error(`indexed query returned ${res.data.length} documents, expected 20`);
    return 'indexed query';
  };
  const insert: Op = async () => {
    const { _id: _unused, ...doc } = auditDoc(DOCS + 1_000_000 + inserted++, randomCommunity());
    await col.add({ data: { ...doc, createdAt: new Date() } });
    return 'add()';
  };
  const probe =
    (community: () => string): Op =>
    async () => {
      await col.where({ communityId: community() }).orderBy('createdAt', 'desc').limit(20).get();
      return 'probe';
    };
  return {
    docGet,
    indexedQuery,
    insert,
    mix: () => {
      const r = random();
      return r < 0.7 ? indexedQuery() : r < 0.9 ? docGet() : insert();
    },
    probeSmall: probe(() => PROBE_COMMUNITY),
    probeLarge: probe(() => communityId(3)),
  };
}
