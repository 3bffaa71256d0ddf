/**
 * The openapi calls the project makes (`cloud.openapi.subscribeMessage.send`, `security.msgSecCheck`,
 * `wxacode.getUnlimited`), answered locally over the SDK's own `wx.openApi` protocol (see wire.ts), plus
 * the emulator-only doors WeChat keeps on the phone: recording subscription consent and reading the outbox.
 *
 *   POST /subscriptions { openid, templateId, accept, kind? }  → consent state
 *   GET  /subscriptions?openid=&templateId=                     → consent state
 *   GET  /outbox?touser=&templateId=                            → { messages: [...] }
 */
import path from 'node:path';
import { URL } from 'node:url';
import { origin, readJson, sendJson, type PlatformHost } from './host';
import { msgSecCheck } from './security';
import {
  SubscribeMessages,
  type Consent,
  type ConsentState,
  type OutboxFilter,
  type OutboxMessage,
  type TemplateRegistry,
} from './subscriptions';
import { decodeOpenApiRequest, encodeJsonResponse, encodeOpenApiResponse, encodePlatformError, WireError } from './wire';
import { getUnlimited } from './wxacode';

export { wxacodeContent, parseWxacodeContent } from './wxacode';
export type { Consent, ConsentState, OutboxMessage, OutboxFilter, TemplateRegistry } from './subscriptions';

export interface OpenApiOptions {
  dataDir: string;
  /** Subscribe-message templates (id → keyword names); without it any template id is accepted. */
  templates?: TemplateRegistry;
  /** app.json pages, home page first; enables wxacode's page checks. */
  pages?: readonly string[];
}

export interface OpenApiService {
  recordConsent(consent: Consent): ConsentState;
  consentState(openid: string, templateId: string): ConsentState;
  listOutbox(filter?: OutboxFilter): OutboxMessage[];
  close(): void;
}

/** The platform's answer when the API is not one the emulator provides (-604100 "API not found"). */
const API_NOT_FOUND = -604100;

export function registerOpenApi(host: PlatformHost, opts: OpenApiOptions): OpenApiService {
  const messages = new SubscribeMessages(path.join(opts.dataDir, 'openapi'), () => host.clock.now(), opts.templates);

  const call = (apiName: string, params: Record<string, unknown>): Buffer => {
    switch (apiName) {
      case 'subscribeMessage.send':
        return encodeJsonResponse(messages.send(params));
      case 'security.msgSecCheck':
        return encodeJsonResponse(msgSecCheck(params));
      case 'wxacode.getUnlimited': {
        const answer = getUnlimited(params, { pages: opts.pages });
        return answer.ok ? encodeOpenApiResponse(answer.png, 'image/png') : encodeJsonResponse(answer.error);
      }
      default:
        return encodePlatformError(API_NOT_FOUND);
    }
  };

  host.addAdminAction('wx.openApi', async (body: { apiName?: unknown; requestData?: unknown }) => {
    if (typeof body.apiName !== 'string' || !Buffer.isBuffer(body.requestData)) {
      return { code: 'INVALID_PARAM', message: 'wx.openApi needs apiName and a requestData file part' };
    }
    try {
      return call(body.apiName, decodeOpenApiRequest(body.requestData).params);
    } catch (err) {
      if (err instanceof WireError) return { code: 'INVALID_PARAM', message: err.message };
      throw err;
    }
  });

  host.addRoute('POST', '/subscriptions', (_req, res, raw) => {
    const body = readJson(raw) as Partial<Consent> | undefined;
    try {
      sendJson(res, 200, messages.consent({ ...(body ?? {}) } as Consent));
    } catch (err) {
      sendJson(res, 400, { error: (err as Error).message });
    }
  });
  host.addRoute('GET', '/subscriptions', (req, res) => {
    const q = query(host, req.url);
    const openid = q.get('openid');
    const templateId = q.get('templateId');
    if (!openid || !templateId) return sendJson(res, 400, { error: 'openid and templateId are required' });
    sendJson(res, 200, messages.consentState(openid, templateId));
  });
  host.addRoute('GET', '/outbox', (req, res) => {
    const q = query(host, req.url);
    sendJson(res, 200, {
      messages: messages.listOutbox({ touser: q.get('touser') ?? undefined, templateId: q.get('templateId') ?? undefined }),
    });
  });

  return {
    recordConsent: (c) => messages.consent(c),
    consentState: (openid, templateId) => messages.consentState(openid, templateId),
    listOutbox: (filter) => messages.listOutbox(filter),
    close: () => messages.close(),
  };
}

function query(host: PlatformHost, url: string | undefined): URLSearchParams {
  return new URL(url ?? '/', origin(host)).searchParams;
}
