/**
 * The bytes wx-server-sdk exchanges with the platform for `cloud.openapi.*`.
 *
 * The SDK camel→snake-cases the call's options, JSON-encodes each top-level value into a `KeyValuePair`,
 * wraps them in a protobuf `CommApiData { apiType: OPEN_API, openapiData: { pairs } }`, and posts it as the
 * `requestData` file part of a multipart `wx.openApi` admin request. The platform answers raw protobuf
 * `CommOpenApiResp { respData, contentType, ... }`, where `respData` is what api.weixin.qq.com would
 * have answered (JSON for most APIs, image bytes for wxacode). Field numbers match the SDK's generated
 * `src/protobuf/openapi.js`; we declare only the messages and fields we read or write.
 */
import protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto3";
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message OpenApiData { repeated KeyValuePair pairs = 1; }
message CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; string appid = 6; }
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4;
  repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6;
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** CommApiData.ApiType.OPEN_API in the SDK's enum; the only kind `cloud.openapi.*` sends. */
const OPEN_API = 0;

export interface OpenApiRequest {
  appid?: string;
  /** Decoded parameters, snake_case as the SDK sent them; media parameters stay Buffers. */
  params: Record<string, unknown>;
}

interface RawPair {
  key: string;
  value: Uint8Array;
  contenttype?: string;
}

export class WireError extends Error {}

export function decodeOpenApiRequest(bytes: Buffer): OpenApiRequest {
  let message: { apiType?: number; openapiData?: { pairs?: RawPair[] }; appid?: string };
  try {
    message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as typeof message;
  } catch (err) {
    throw new WireError(`requestData is not a CommApiData message: ${(err as Error).message}`);
  }
  if (message.apiType !== OPEN_API) throw new WireError(`unsupported apiType ${message.apiType}`);
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    const value = Buffer.from(pair.value);
    if (pair.contenttype) {
      params[pair.key] = { contentType: pair.contenttype, value };
      continue;
    }
    try {
      params[pair.key] = JSON.parse(value.toString('utf8'));
    } catch {
      throw new WireError(`parameter ${pair.key} is not JSON`);
    }
  }
  return { appid: message.appid || undefined, params };
}

/** What api.weixin.qq.com answered, wrapped the way the platform relays it to the SDK. */
export function encodeOpenApiResponse(body: Buffer, contentType: string): Buffer {
  const message = CommOpenApiResp.fromObject({ respData: body, contentType, httpCode: 200 });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}

/**
 * A platform-level failure (no WeChat answer at all), e.g. -604100 "API not found": the SDK throws
 * `errCode: <code>` before looking at respData.
 */
export function encodePlatformError(errorCode: number): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject({ errorCode })).finish());
}

export function encodeJsonResponse(json: unknown): Buffer {
  return encodeOpenApiResponse(Buffer.from(JSON.stringify(json), 'utf8'), 'application/json; charset=utf-8');
}

/** For tests and tools: read a CommOpenApiResp back. */
export function decodeOpenApiResponse(bytes: Buffer): { respData: Buffer; contentType: string; errorCode: number } {
  const m = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
  };
  return { respData: Buffer.from(m.respData), contentType: m.contentType, errorCode: m.errorCode };
}
