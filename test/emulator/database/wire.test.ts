/**
 * Answers send stored documents without parsing them (codec.ts storedJsonToWire): the text must be exactly what
 * encoding the parsed document gives, for every kind of value, and what the SDK's own bson reads back.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Binary, Decimal128, EJSON, Long, ObjectId } from 'bson';
import { Doc, decodeWire, encodeWire, fromStoredJson, isoText, storedJsonToWire, toStoredJson } from '../../../emulator/database/codec';
import { REPO_ROOT } from '../helpers/emulator';

const dates = [0, 1, 999, 1000, 1767225600000, 1767225600123, -1, -1000, -86400000, 253402300799999, 253402300800000, 8.64e15, -8.64e15];

const docs: Doc[] = [
  { _id: 'plain', s: 'text', n: 1, f: 2.5, big: 2 ** 60, neg: -0, t: true, z: null, a: [1, 'x', null, [2]], o: { k: { deep: 'v' } } },
  ...dates.map((ms) => ({ _id: `d${ms}`, at: new Date(ms), nested: { list: [new Date(ms), { at: new Date(ms) }] } })),
  { _id: 'tricky strings', s: '{"$date":5}', t: '"$date"', u: '\\', v: '{"$numberLong":"1"}', k: { '{"$x"': 1 }, 中文: '，😀' },
  { _id: 'specials', nan: NaN, inf: Infinity, ninf: -Infinity, re: /a+b/im, when: new Date(5) },
  {
    _id: 'bson',
    oid: new ObjectId('64b7f0a1c2d3e4f5a6b7c8d9'),
    long: Long.fromString('9223372036854775807'),
    dec: Decimal128.fromString('1.5'),
  },
  { _id: 'binary', bin: new Binary(Buffer.from('hi')), at: new Date(1767225600000) },
  { _id: 'empty', o: {}, a: [] },
];

it.each(docs.map((doc) => [doc._id, doc]))('%s: the stored text goes on the wire as encodeWire would put it', (_id, doc) => {
  const json = toStoredJson(doc as Doc);
  expect(storedJsonToWire(json)).toBe(encodeWire(fromStoredJson(json)));
});

it('the SDK’s bson reads the dates back', () => {
  // @cloudbase/database parses each listed document with its own bson (4.x) EJSON.parse.
  const sdkRequire = createRequire(path.join(REPO_ROOT, 'node_modules/@cloudbase/database/package.json'));
  const sdkBson = sdkRequire('bson') as typeof import('bson');
  expect(sdkBson.EJSON).not.toBe(EJSON); // its own copy
  for (const ms of dates) {
    const parsed = sdkBson.EJSON.parse(storedJsonToWire(toStoredJson({ at: new Date(ms) }))) as { at: Date };
    expect(parsed.at.getTime()).toBe(ms);
  }
});

it('writes dates as toISOString does, without .000', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 253402300800000;
  const samples = [...dates.filter((ms) => ms >= 0 && ms < 253402300800000), 951782400000, 951868800000, 86399999, 86400000, 4107542400000];
  for (let i = 0; i < 20000; i++) samples.push(Math.floor(random()), Math.floor(random() / 1000) * 1000);
  for (const ms of samples) {
    const iso = new Date(ms).toISOString();
    expect([ms, isoText(ms)]).toEqual([ms, ms % 1000 ? iso : `${iso.slice(0, -5)}Z`]);
  }
});

describe('decodeWire reads text without "$ by JSON.parse, with the values bson gives', () => {
  const texts = [
    '{"communityId":"c-1"}',
    '{"a":[1,2.5,-0,1e400,9007199254740993,{"b":null}],"c":true,"s":"x\\u0000y\\"z"}',
    '{"__proto__":{"x":1},"constructor":"c"}',
    '{"n":12345678901234567890,"k":{"nested":["$ inside a string is fine"]}}',
    '[]',
  ];
  it.each(texts)('%s', (text) => {
    const expected = EJSON.parse(text, { relaxed: true }) as unknown;
    const decoded = decodeWire(text, 0);
    expect(decoded).toEqual(expected);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
    expect(Object.keys(decoded as object)).toEqual(Object.keys(expected as object));
  });
  it('still reads EJSON wrappers and server dates', () => {
    expect(decodeWire('{"n":{"$numberInt":"1"},"at":{"$tcb_server_date":{"offset":5}}}', 1000)).toEqual({ n: 1, at: new Date(1005) });
  });
});
