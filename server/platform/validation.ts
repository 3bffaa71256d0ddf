/**
 * Input validation at the edge. A schema parses untrusted `event.data` into a typed value or throws one
 * INPUT.INVALID naming every bad field in Chinese. Objects are strict: an unexpected key (say an `openid`
 * smuggled into the payload) is refused rather than ignored, because identity only ever comes from the platform.
 */
import { CommonErrors } from './errors';

export interface Schema<T> {
  /** Returns the parsed value, or records problems under `path` and returns undefined. */
  parse(value: unknown, path: string, problems: Problems): T | undefined;
  readonly optional?: boolean;
  /** What it accepts, for docs/api.md: `string(1–20)`, `number 35–42 (1 decimal)`. */
  readonly doc: string;
}

type Problems = Record<string, string>;
export type Infer<S> = S extends Schema<infer T> ? T : never;

interface Common {
  /** Chinese name of the field, used in messages: 「体温」. */
  label: string;
}

const make = <T>(doc: string, parse: Schema<T>['parse']): Schema<T> => ({ doc, parse });

/** A field that may be left out (undefined or null); when present it must be valid. */
export function optional<T>(schema: Schema<T>): Schema<T> & { optional: true } {
  return {
    optional: true,
    doc: schema.doc,
    parse: (value, path, problems) => (value === undefined || value === null ? undefined : schema.parse(value, path, problems)),
  };
}

export const field = {
  string(o: Common & { min?: number; max: number; pattern?: RegExp; patternMessage?: string; trim?: boolean }) {
    return make<string>(`string(${o.min ?? 1}–${o.max})${o.pattern ? ` ${o.pattern}` : ''}`, (value, path, problems) => {
      if (typeof value !== 'string') return void (problems[path] = `请填写${o.label}`);
      const s = o.trim === false ? value : value.trim();
      const min = o.min ?? 1;
      // Length in characters as a person counts them (an emoji is one), not UTF-16 units.
      const length = Array.from(s).length;
      if (length < min) return void (problems[path] = min <= 1 ? `请填写${o.label}` : `${o.label}至少 ${min} 个字`);
      if (length > o.max) return void (problems[path] = `${o.label}最多 ${o.max} 个字，现在有 ${length} 个字`);
      if (o.pattern && !o.pattern.test(s)) return void (problems[path] = o.patternMessage ?? `${o.label}格式不正确`);
      return s;
    });
  },

  number(o: Common & { min: number; max: number; decimals?: number; unit?: string }) {
    return make<number>(`number ${o.min}–${o.max}${o.decimals ? ` (${o.decimals} decimal)` : ' (integer)'}`, (value, path, problems) => {
      const unit = o.unit ?? '';
      if (typeof value !== 'number' || !Number.isFinite(value)) return void (problems[path] = `${o.label}必须是数字`);
      const decimals = o.decimals ?? 0;
      const scaled = value * 10 ** decimals;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-9) {
        return void (problems[path] = decimals === 0 ? `${o.label}必须是整数` : `${o.label}最多保留 ${decimals} 位小数`);
      }
      if (value < o.min || value > o.max) return void (problems[path] = `${o.label}应在 ${o.min}${unit} 到 ${o.max}${unit} 之间`);
      return value;
    });
  },

  boolean(o: Common) {
    return make<boolean>('boolean', (value, path, problems) => (typeof value === 'boolean' ? value : void (problems[path] = `${o.label}只能是“是”或“否”`)));
  },

  oneOf<const V extends string>(values: readonly V[], o: Common) {
    return make<V>(values.map((v) => `'${v}'`).join(' | '), (value, path, problems) =>
      typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as V) : void (problems[path] = `${o.label}不在可选范围内`),
    );
  },

  /** An id we issued: opaque, short, no operators or dots that could reach a query. */
  id(o: Common) {
    return make<string>('id', (value, path, problems) =>
      typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : void (problems[path] = `${o.label}无效，请刷新后重试`),
    );
  },

  /** An instant as epoch milliseconds or an ISO string. */
  time(o: Common) {
    return make<Date>('time (epoch ms or ISO 8601)', (value, path, problems) => {
      const d = typeof value === 'number' || typeof value === 'string' ? new Date(value) : undefined;
      return d && !Number.isNaN(d.getTime()) ? d : void (problems[path] = `${o.label}不是有效的时间`);
    });
  },

  array<T>(item: Schema<T>, o: Common & { min?: number; max: number; unique?: boolean }) {
    return make<T[]>(`Array<${item.doc}> (${o.min ?? 0}–${o.max})`, (value, path, problems) => {
      if (!Array.isArray(value)) return void (problems[path] = `${o.label}格式不正确`);
      if (value.length < (o.min ?? 0)) return void (problems[path] = `请至少选择 ${o.min} 项${o.label}`);
      if (value.length > o.max) return void (problems[path] = `${o.label}最多 ${o.max} 项`);
      const out: T[] = [];
      value.forEach((v, i) => {
        const parsed = item.parse(v, `${path}[${i}]`, problems);
        if (parsed !== undefined) out.push(parsed);
      });
      if (o.unique && new Set(out.map((v) => JSON.stringify(v))).size !== out.length) {
        return void (problems[path] = `${o.label}有重复项`);
      }
      return out.length === value.length ? out : undefined;
    });
  },

  object<S extends Record<string, Schema<unknown>>>(shape: S, o: Common = { label: '内容' }) {
    const doc = `{ ${Object.entries(shape)
      .map(([k, v]) => `${k}${v.optional ? '?' : ''}: ${v.doc}`)
      .join('; ')} }`;
    return make<ObjectOf<S>>(doc, (value, path, problems) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void (problems[path || '_'] = `${o.label}格式不正确`);
      const record = value as Record<string, unknown>;
      const unknownKeys = Object.keys(record).filter((k) => !(k in shape));
      if (unknownKeys.length) return void (problems[path || '_'] = `请求包含不支持的字段「${unknownKeys.join('、')}」`);
      const out: Record<string, unknown> = {};
      let bad = false;
      for (const [key, schema] of Object.entries(shape)) {
        const childPath = path ? `${path}.${key}` : key;
        const v = record[key];
        if ((v === undefined || v === null) && schema.optional) continue;
        const parsed = schema.parse(v, childPath, problems);
        if (parsed === undefined) bad = true;
        else out[key] = parsed;
      }
      return bad ? undefined : (out as ObjectOf<S>);
    });
  },
};

type OptionalKeys<S> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type ObjectOf<S extends Record<string, Schema<unknown>>> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>;
};

/** Parses `data` or throws INPUT.INVALID carrying every field problem and the first as the message. */
export function parseInput<T>(schema: Schema<T>, data: unknown): T {
  const problems: Problems = {};
  const parsed = schema.parse(data ?? {}, '', problems);
  const keys = Object.keys(problems);
  if (keys.length || parsed === undefined) {
    const first = keys.length ? problems[keys[0]] : '提交的内容格式不正确';
    throw CommonErrors.inputInvalid(first, keys.length ? problems : undefined);
  }
  return parsed;
}
