/**
 * Subscribe messages as WeChat delivers them: a send succeeds only when the user consented to that template
 * (a one-time consent is used up by one send; a long-term one is not), and every delivered message lands in
 * a durable outbox that tests and the local preview can read. Consent is given on the phone by
 * `wx.requestSubscribeMessage`, which the emulator cannot see, so it is recorded here explicitly.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkTemplateData } from './keywords';
import { WX, wxFail, wxOk, type WxJson } from './wxerror';

export interface Consent {
  openid: string;
  templateId: string;
  /** false records a refusal (or the user switching the template off): pending consents are dropped. */
  accept: boolean;
  /** 'once' (一次性订阅, the default) or 'long' (长期订阅). */
  kind?: 'once' | 'long';
}

export interface ConsentState {
  openid: string;
  templateId: string;
  onceCredits: number;
  longTerm: boolean;
}

export interface OutboxMessage {
  msgid: number;
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: 'formal' | 'trial' | 'developer';
  lang: string;
  sentAt: number;
}

export interface OutboxFilter {
  touser?: string;
  templateId?: string;
}

/** Templates the mini program has: id → keyword names. Without it any template id is accepted. */
export type TemplateRegistry = Record<string, readonly string[]>;

const STATES = ['formal', 'trial', 'developer'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export class SubscribeMessages {
  private readonly db: Database.Database;

  constructor(
    dataDir: string,
    private readonly now: () => number,
    private readonly templates?: TemplateRegistry,
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'subscribe-messages.sqlite'));
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS consent (
        openid TEXT NOT NULL, template_id TEXT NOT NULL,
        once_credits INTEGER NOT NULL DEFAULT 0, long_term INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL,
        PRIMARY KEY (openid, template_id));
      CREATE TABLE IF NOT EXISTS outbox (
        msgid INTEGER PRIMARY KEY AUTOINCREMENT, touser TEXT NOT NULL, template_id TEXT NOT NULL, page TEXT,
        data TEXT NOT NULL, miniprogram_state TEXT NOT NULL, lang TEXT NOT NULL, sent_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS outbox_touser ON outbox (touser, template_id);
    `);
  }

  /** Throws on a consent WeChat could never have produced (unknown template, malformed openid). */
  consent(c: Consent): ConsentState {
    if (typeof c.openid !== 'string' || !OPENID.test(c.openid)) throw new Error('openid is required');
    if (typeof c.templateId !== 'string' || !c.templateId) throw new Error('templateId is required');
    if (this.templates && !(c.templateId in this.templates)) throw new Error(`unknown template ${c.templateId}`);
    if (typeof c.accept !== 'boolean') throw new Error('accept must be true or false');
    const kind = c.kind ?? 'once';
    if (kind !== 'once' && kind !== 'long') throw new Error("kind must be 'once' or 'long'");
    const at = this.now();
    if (!c.accept) {
      this.db
        .prepare(
          `INSERT INTO consent (openid, template_id, once_credits, long_term, updated_at) VALUES (?, ?, 0, 0, ?)
           ON CONFLICT (openid, template_id) DO UPDATE SET once_credits = 0, long_term = 0, updated_at = excluded.updated_at`,
        )
        .run(c.openid, c.templateId, at);
    } else {
      // Each accepted one-time prompt allows one more message, as WeChat counts them.
      const [once, long] = kind === 'once' ? [1, 0] : [0, 1];
      this.db
        .prepare(
          `INSERT INTO consent (openid, template_id, once_credits, long_term, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (openid, template_id) DO UPDATE SET once_credits = once_credits + excluded.once_credits,
             long_term = MAX(long_term, excluded.long_term), updated_at = excluded.updated_at`,
        )
        .run(c.openid, c.templateId, once, long, at);
    }
    return this.consentState(c.openid, c.templateId);
  }

  consentState(openid: string, templateId: string): ConsentState {
    const row = this.db
      .prepare('SELECT once_credits AS once, long_term AS long FROM consent WHERE openid = ? AND template_id = ?')
      .get(openid, templateId) as { once: number; long: number } | undefined;
    return { openid, templateId, onceCredits: row?.once ?? 0, longTerm: (row?.long ?? 0) === 1 };
  }

  /** subscribeMessage.send with the SDK's snake_case parameters; answers what WeChat answers. */
  send(p: Record<string, unknown>): WxJson {
    const templateId = p.template_id;
    if (typeof templateId !== 'string' || !templateId || (this.templates && !(templateId in this.templates))) {
      return wxFail(WX.INVALID_TEMPLATE_ID, 'invalid template_id');
    }
    const touser = p.touser;
    if (typeof touser !== 'string' || !OPENID.test(touser)) return wxFail(WX.INVALID_OPENID, 'invalid openid');
    const state = p.miniprogram_state ?? 'formal';
    if (typeof state !== 'string' || !STATES.includes(state))
      return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! miniprogram_state invalid');
    const lang = p.lang ?? 'zh_CN';
    if (typeof lang !== 'string' || !LANGS.includes(lang)) return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! lang invalid');
    if (p.page !== undefined && typeof p.page !== 'string') return wxFail(WX.ARGUMENT_INVALID, 'argument invalid! page invalid');
    const dataError = checkTemplateData(p.data, this.templates?.[templateId]);
    if (dataError) return wxFail(WX.ARGUMENT_INVALID, dataError);
    const data = normaliseData(p.data as Record<string, { value: string | number }>);

    // Consume the consent and deliver in one transaction: two concurrent sends cannot share one consent.
    const deliver = this.db.transaction((): boolean => {
      const consent = this.consentState(touser, templateId);
      if (!consent.longTerm) {
        if (consent.onceCredits <= 0) return false;
        this.db.prepare('UPDATE consent SET once_credits = once_credits - 1 WHERE openid = ? AND template_id = ?').run(touser, templateId);
      }
      this.db
        .prepare('INSERT INTO outbox (touser, template_id, page, data, miniprogram_state, lang, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(touser, templateId, p.page ?? null, JSON.stringify(data), state, lang, this.now());
      return true;
    });
    return deliver() ? wxOk() : wxFail(WX.USER_REFUSED, 'user refuse to accept the msg');
  }

  listOutbox(filter: OutboxFilter = {}): OutboxMessage[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.touser) {
      where.push('touser = ?');
      args.push(filter.touser);
    }
    if (filter.templateId) {
      where.push('template_id = ?');
      args.push(filter.templateId);
    }
    const sql = `SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY msgid`;
    const rows = this.db.prepare(sql).all(...args) as Array<{
      msgid: number;
      touser: string;
      template_id: string;
      page: string | null;
      data: string;
      miniprogram_state: OutboxMessage['miniprogramState'];
      lang: string;
      sent_at: number;
    }>;
    return rows.map((r) => ({
      msgid: r.msgid,
      touser: r.touser,
      templateId: r.template_id,
      page: r.page,
      data: JSON.parse(r.data) as OutboxMessage['data'],
      miniprogramState: r.miniprogram_state,
      lang: r.lang,
      sentAt: r.sent_at,
    }));
  }

  close(): void {
    this.db.close();
  }
}

function normaliseData(data: Record<string, { value: string | number }>): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: String(v.value) }]));
}
