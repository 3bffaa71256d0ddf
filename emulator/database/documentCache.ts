/**
 * Documents read recently, kept parsed, as a database keeps its hot documents in memory: a document read again at the
 * same commit sequence number is copied from here instead of parsed from its stored JSON (a copy costs about a
 * quarter of a parse and revival). Every reader still gets a copy of its own, as from a parse, so nothing one reader
 * does to it reaches another or the cache.
 *
 * A (collection, key, seq) names one content: every write takes a new seq (storage.ts), a transaction's commit one
 * for all it writes. Only documents of plain values are kept (objects, arrays, strings, numbers, booleans, null,
 * dates); one holding anything else (an ObjectId, a regular expression…) is parsed each time. The oldest entries
 * leave first once `capacity` documents are kept.
 */
import { Doc, fromStoredJson } from './codec';

/** Not a plain value: such a document is not kept. */
const OTHER = Symbol('other');

interface Entry {
  seq: number;
  /** The stored JSON's length: a second check that the entry is of this content. */
  length: number;
  doc: Doc;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads answered from the cache and parsed, since the emulator started (for tests and diagnostics). */
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 20_000) {}

  /**
   * The document stored as `json` under `key` of `table` at `seq`: a copy of the kept one, or parsed. With `fields`,
   * a kept document's copy holds only those of its top-level fields (in its own order), for a reader that looks at
   * nothing else (a projection that keeps them); a parsed one is whole.
   */
  read(table: string, key: string, seq: number, json: string, fields?: ReadonlySet<string>): Doc {
    const id = `${table}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && entry.seq === seq && entry.length === json.length) return this.hit(entry.doc, fields);
    this.misses++;
    const doc = fromStoredJson(json);
    const kept = copyOf(doc);
    if (entry) this.entries.delete(id);
    if (kept !== OTHER) {
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(id, { seq, length: json.length, doc: kept as Doc });
    }
    return doc;
  }

  /**
   * The kept document of `key` at `seq`, or undefined: for a reader that asks before reading the stored JSON (a lean
   * read, storage.ts), so that a kept document's JSON is never read at all. The seq alone names the content here (no
   * length to compare): every write takes a new one, never reused while the emulator runs. Never hand it out: give
   * `copy` of it.
   */
  kept(table: string, key: string, seq: number): Doc | undefined {
    const entry = this.entries.get(`${table}\u0000${key}`);
    return entry && entry.seq === seq ? entry.doc : undefined;
  }

  /** A reader's own copy of a kept document (with `fields`, only those of its top-level fields), as `read` gives. */
  copy(doc: Doc, fields?: ReadonlySet<string>): Doc {
    return this.hit(doc, fields);
  }

  private hit(doc: Doc, fields: ReadonlySet<string> | undefined): Doc {
    this.hits++;
    return (fields ? copyFields(doc, fields) : copyOf(doc)) as Doc;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A deep copy of the listed top-level fields of a kept document (which holds only plain values and dates). */
function copyFields(doc: Doc, fields: ReadonlySet<string>): Doc {
  const out: Doc = {};
  for (const key in doc) {
    if (!fields.has(key)) continue;
    setField(out, key, copyOf(doc[key]));
  }
  return out;
}

/** A deep copy of a revived document's value, or OTHER when it holds something other than plain values and dates. */
function copyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyOf(value[i]);
      if (item === OTHER) return OTHER;
      out[i] = item;
    }
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (Object.getPrototypeOf(value) !== Object.prototype) return OTHER;
  const out: Doc = {};
  for (const key in value) {
    const item = copyOf((value as Doc)[key]);
    if (item === OTHER) return OTHER;
    setField(out, key, item);
  }
  return out;
}

/** Sets an own field; JSON.parse makes "__proto__" one, where an assignment would set the prototype instead. */
function setField(out: Doc, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}
