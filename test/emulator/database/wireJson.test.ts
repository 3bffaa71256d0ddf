/**
 * The emulator's quick parse of the SDK's EJSON (emulator/database/wireJson.ts) gives exactly bson's relaxed
 * `EJSON.parse` — values, types, dates, -0 and NaN — or gives up, and then bson parses the text as before: random
 * documents (fixed seed) written by bson both ways (canonical, as the SDK writes, and relaxed), hand-made edge cases,
 * and what the SDK really sends for a check-in.
 */
import { Binary, BSONRegExp, Code, DBRef, Decimal128, Double, EJSON, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { decodeWire } from '../../../emulator/database/codec';
import { parseWireJson } from '../../../emulator/database/wireJson';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20261122);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const KEYS = ['a', 'name', '$gte', '$lt', '$in', '$match', '$tcb_server_date', 'offset', 'createdAt', '$and', 'x.y', '中文', '$eq'];
const NUMBERS = [0, -0, 1, -1, 1.5, -2.25, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e300, -1e-300, NaN, Infinity, -Infinity, 36.6];
const DATES = [0, 1, -1, 1795158000000, 253402300800000, -62135596800000, 8.64e15].map((ms) => new Date(ms));
const BSON_VALUES = () => [
  new ObjectId('5f1d7f0b8f1b2c3d4e5f6a7b'),
  Decimal128.fromString('1.5'),
  Long.fromString('9007199254740993'),
  Long.fromNumber(42),
  new Int32(7),
  new Double(2),
  new BSONRegExp('^a.b', 'i'),
  new Timestamp({ t: 1, i: 2 }),
  new MinKey(),
  new MaxKey(),
  new Binary(Buffer.from('hi')),
  new Code('x'),
  new DBRef('c', new ObjectId('5f1d7f0b8f1b2c3d4e5f6a7c')),
];

function value(depth: number): unknown {
  const r = random();
  if (depth > 3 || r < 0.25) return pick(['', 'text', '$notAnOperator', '2026-11-20', '王建华', 'a"b\\c']);
  if (r < 0.45) return pick(NUMBERS);
  if (r < 0.55) return pick(DATES);
  if (r < 0.6) return pick([true, false, null]);
  if (r < 0.65) return pick(BSON_VALUES());
  if (r < 0.8) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) obj[pick(KEYS)] = value(depth + 1);
  return obj;
}

/** bson's answer, or the error it throws (as a string). */
function bson(text: string): unknown {
  try {
    return EJSON.parse(text, { relaxed: true });
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

describe('the quick parse of EJSON', () => {
  it('gives bson’s values or gives up, for random documents written canonically and relaxed', () => {
    let quick = 0;
    for (let i = 0; i < 3000; i++) {
      const doc = { v: value(0) };
      for (const relaxed of [false, true]) {
        let text: string;
        try {
          text = EJSON.stringify(doc, { relaxed });
        } catch {
          continue; // a value bson cannot write that way
        }
        const got = parseWireJson(text);
        if (got === undefined) continue;
        quick++;
        expect(got).toStrictEqual(bson(text));
      }
    }
    // Most random documents hold only what the quick parse revives.
    expect(quick).toBeGreaterThan(2000);
  });

  it('gives up on everything else, and bson answers as before', () => {
    const texts = [
      '{"$numberLong":"+5"}',
      '{"$numberLong":"-0"}',
      '{"$numberLong":"9007199254740993"}',
      '{"$numberLong":"12a"}',
      '{"$date":5}',
      '{"$date":{"a":1}}',
      '{"$date":5,"x":1}',
      '{"$numberInt":5}',
      '{"$numberInt":"1","$numberDouble":"2"}',
      '{"$undefined":true}',
      '{"$oid":"5f1d7f0b8f1b2c3d4e5f6a7b"}',
      '{"$regex":"a","$options":"i"}',
      '{"$ref":"c","$id":"1"}',
      '{"a\\u0000b":1}',
      '{"__proto__":{"x":1}}',
      '{"a":',
    ];
    for (const text of texts) expect([text, parseWireJson(text)]).toEqual([text, undefined]);
  });

  it('revives the SDK’s own wrappers like bson, edge values included', () => {
    const texts = [
      '{"$numberInt":"12abc"}',
      '{"$numberDouble":"-0.0"}',
      '{"$numberDouble":"NaN"}',
      '{"$numberDouble":"-Infinity"}',
      '{"$numberLong":"-999999999999999"}',
      '{"$date":{"$numberLong":"-62135596800000"}}',
      '{"$date":{"$numberLong":"999999999999999"}}',
      '{"$date":{"$numberInt":"5"}}',
      '{"$date":"2026-11-20T07:00:00Z"}',
      '{"$date":null}',
      '{"a":[{"$numberInt":"1"},[{"$date":{"$numberLong":"1"}}]],"$tcb_server_date":{"offset":{"$numberInt":"5"}}}',
    ];
    for (const text of texts) {
      const got = parseWireJson(text);
      expect(got).not.toBeUndefined();
      expect([text, got]).toStrictEqual([text, bson(text)]);
    }
    // An invalid date both ways (Jest does not take two of them as equal).
    const invalid = parseWireJson('{"$date":"not a date"}');
    expect(invalid).toBeInstanceOf(Date);
    expect(Number.isNaN((invalid as Date).getTime())).toBe(true);
    expect(Number.isNaN((bson('{"$date":"not a date"}') as Date).getTime())).toBe(true);
  });

  it('takes what the SDK sends for a check-in without bson', () => {
    const at = new Date(Date.UTC(2026, 10, 20, 7));
    const stage = { $match: { communityId: 'c', lastDay: { $gte: '2026-11-20' }, createdAt: { $lt: at } } };
    const doc = { _id: 'ci_1', temperature: 36.6, floor: 3, symptoms: [], abnormal: false, at, revision: 1 };
    for (const value of [stage, doc, { from: 'isolations', pipeline: [stage, { $count: 'n' }], as: 'n' }]) {
      const text = EJSON.stringify(value, { relaxed: false });
      expect(parseWireJson(text)).toStrictEqual(bson(text));
      expect(decodeWire(text, 0)).toStrictEqual(bson(text));
    }
  });
});
