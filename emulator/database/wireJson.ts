/**
 * bson's `EJSON.parse(text, {relaxed: true})` for what the SDK sends, at JSON.parse's speed (bson revives every value
 * through a JSON.parse reviver: about seven times slower, a visible share of each request's CPU). The SDK writes
 * canonical EJSON, and its texts hold three wrappers only: `{"$numberInt": "…"}`, `{"$numberDouble": "…"}` and
 * `{"$date": {"$numberLong": "…"}}`; everything else is plain JSON, including query and stage operators (`$gte`,
 * `$match`…) and CloudBase's `$tcb_server_date`, which EJSON leaves alone. Those three are revived here exactly as bson
 * revives them (relaxed: numbers, and a Date); any other EJSON keyword (`$oid`, `$numberDecimal`, a `$numberLong`
 * beyond 15 digits, `$regularExpression`, `$undefined`, DBRef-like objects…) or anything unusual makes this give up
 * (undefined), and the caller parses the text with bson as before. test/emulator/database/wireJson.test.ts compares
 * the two.
 */

/** EJSON type keywords (bson's keysToCodecs) and the other keys bson's reviver treats specially. */
const SPECIAL = new Set([
  '$oid',
  '$binary',
  '$uuid',
  '$symbol',
  '$numberInt',
  '$numberDecimal',
  '$numberDouble',
  '$numberLong',
  '$minKey',
  '$maxKey',
  '$regex',
  '$regularExpression',
  '$timestamp',
  '$date',
  '$undefined',
  '$code',
  '$scope',
  '$ref',
  '$id',
  '$db',
  '$dbPointer',
]);

/** A `$numberLong` whose value is exactly a JS number (|n| < 10^15 < 2^53), in the form bson accepts. */
const SAFE_LONG = /^(?:0|-?[1-9][0-9]{0,14})$/;

class GiveUp extends Error {}
const giveUp = new GiveUp();

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  const obj = value as Record<string, unknown>;
  let special: string | undefined;
  let keys = 0;
  for (const key in obj) {
    keys++;
    // bson refuses a NUL in a key (let it say so); `__proto__` would need defining rather than assigning.
    if (key.includes('\u0000') || key === '__proto__') throw giveUp;
    if (key.charCodeAt(0) === 36 /* $ */ && SPECIAL.has(key)) {
      if (special !== undefined) throw giveUp;
      special = key;
      continue;
    }
    obj[key] = revive(obj[key]);
  }
  if (special === undefined) return obj;
  if (keys !== 1) throw giveUp;
  const inner = obj[special];
  switch (special) {
    case '$numberInt':
      if (typeof inner !== 'string') throw giveUp;
      return parseInt(inner, 10);
    case '$numberDouble':
      if (typeof inner !== 'string') throw giveUp;
      return parseFloat(inner);
    case '$numberLong':
      if (typeof inner !== 'string' || !SAFE_LONG.test(inner)) throw giveUp;
      return Number(inner);
    case '$date': {
      if (inner === null) return obj; // bson leaves `{$date: null}` as it is
      const ms =
        typeof inner === 'string'
          ? Date.parse(inner)
          : inner !== null && typeof inner === 'object' && Object.keys(inner).length === 1
            ? revive(inner)
            : undefined;
      if (typeof ms !== 'number') throw giveUp;
      return new Date(ms);
    }
    default:
      throw giveUp;
  }
}

/** The text parsed as `EJSON.parse(text, {relaxed: true})` would parse it, or undefined: parse it with bson. */
export function parseWireJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    return revive(parsed);
  } catch (err) {
    if (err === giveUp) return undefined;
    throw err;
  }
}
