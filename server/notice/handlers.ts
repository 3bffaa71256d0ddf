/** 通知: where the caller may publish, publishing (content check first), and the lists residents and staff see. */
import type { NoticeApi, NoticeDetail } from '../../typings/contract/notice';
import { actorLabel } from '../community/deps';
import { communityId, householdId } from '../community/fields';
import type { BuildingRecord } from '../community/records';
import { buildingTarget } from '../community/registry';
import { checkText } from '../contentSafety/contentSafety';
import type { Database } from '../platform/database';
import { isDuplicateKey } from '../platform/dbErrors';
import { AppError } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional, type Schema } from '../platform/validation';
import { authorize, decide } from '../policy/policy';
import type { Actor, HouseholdLink } from '../policy/roles';
import type { Receipt } from '../receipt/receipt';
import { acknowledge, countsByNotice, markRead, receiptsFor } from '../receipt/repository';
import { stableId } from '../household/household';
import { closeChaserIfDone, createChasers, createChasersOfNew } from './chasers';
import { actorOf, type NoticeDeps } from './deps';
import {
  BODY_MAX,
  CATEGORIES,
  checkExpiry,
  coveredHouseholds,
  decodeCursor,
  encodeCursor,
  keysOfHouseholds,
  listItem,
  managedItem,
  MAX_NAMED_HOUSEHOLDS,
  NEVER,
  NOTICES,
  TITLE_MAX,
  type Notice,
  type ReadState,
} from './notice';
import { publishContext, type ScopeRegistry } from './repository';
import { buildingsInReach, previewOf, resolveScope } from './scope';

type Spec<K extends keyof NoticeApi> = ActionSpec<NoticeApi[K]['input'], NoticeApi[K]['output']>;

export const PAGE_SIZE = 20;
/** The unread badge counts this many of the newest notices at most ("99+" beyond). */
const BADGE_WINDOW = 100;
const PUBLISH_DECISIONS = ['notice.publishToCommunity', 'notice.publishToGrid', 'notice.publishToBuilding'] as const;

const noticeId = field.id({ label: '通知' });

/** An instant written ISO 8601 with its offset (2026-11-25T18:00:00+08:00), kept as written: the contract's string. */
function instant(label: string): Schema<string> {
  return {
    doc: 'time ISO 8601',
    parse(value, path, problems) {
      const ok =
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
      return ok ? (value as string) : void (problems[path] = `${label}不是有效的时间`);
    },
  };
}

const scopeField: Schema<NoticeApi['notice.publish']['input']['scope']> = {
  doc: "{ kind: 'community' } | { kind: 'grid'; gridId } | { kind: 'buildings'; buildings: string(1–100) } | { kind: 'isolated'; gridId? } | { kind: 'households'; householdIds: id[1–50] }",
  parse(value, path, problems) {
    const kind = (value as { kind?: unknown } | null)?.kind;
    const shapes = {
      community: field.object({ kind: field.oneOf(['community'] as const, { label: '范围' }) }, { label: '发送范围' }),
      grid: field.object(
        { kind: field.oneOf(['grid'] as const, { label: '范围' }), gridId: field.id({ label: '网格' }) },
        { label: '发送范围' },
      ),
      buildings: field.object(
        { kind: field.oneOf(['buildings'] as const, { label: '范围' }), buildings: field.string({ label: '楼号', max: 100 }) },
        { label: '发送范围' },
      ),
      isolated: field.object(
        { kind: field.oneOf(['isolated'] as const, { label: '范围' }), gridId: optional(field.id({ label: '网格' })) },
        { label: '发送范围' },
      ),
      households: field.object(
        {
          kind: field.oneOf(['households'] as const, { label: '范围' }),
          householdIds: field.array(householdId, { label: '住户', min: 1, max: MAX_NAMED_HOUSEHOLDS, unique: true }),
        },
        { label: '发送范围' },
      ),
    };
    if (typeof kind !== 'string' || !(kind in shapes)) return void (problems[path] = '请选择发送范围');
    return shapes[kind as keyof typeof shapes].parse(value, path, problems) as NoticeApi['notice.publish']['input']['scope'] | undefined;
  },
};

export async function noticeOrFail(db: Database, id: string): Promise<Notice> {
  const n = (await db.collection<Notice>(NOTICES).where({ _id: id }).limit(1).get()).data[0];
  if (!n) throw new AppError('NOTICE.NOT_FOUND', '找不到这条通知，可能已被撤回，请下拉刷新');
  return n;
}

// ── Composing and publishing ─────────────────────────────────────────────────────────────────────────

export function composer(deps: NoticeDeps): Spec<'notice.composer'> {
  return {
    summary: 'Where the caller may publish: per community the scope kinds, grids and buildings within their reach, and the categories',
    input: field.object({}),
    policy: PUBLISH_DECISIONS,
    async handle(ctx) {
      const actor = await actorOf(deps, ctx.caller.openid);
      const communityIds = [...new Set(actor.grants.filter((g) => g.role !== 'volunteer').map((g) => g.communityId))];
      const communities = await Promise.all(
        communityIds.map(async (id) => {
          const [community, buildings, grids] = await Promise.all([
            deps.reg.communityOrFail(id),
            deps.reg.buildings(id),
            deps.reg.grids(id),
          ]);
          const mine = buildingsInReach(actor, buildings).sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
          const myGrids = grids.filter((g) => decide(actor, 'notice.publishToGrid', { communityId: id, gridId: g._id }).allowed);
          const whole = decide(actor, 'notice.publishToCommunity', { communityId: id }).allowed;
          const kinds = [
            ...(whole ? (['community'] as const) : []),
            ...(myGrids.length ? (['grid'] as const) : []),
            ...(mine.length ? (['buildings'] as const) : []),
            ...(whole || myGrids.length ? (['isolated'] as const) : []),
            ...(mine.length ? (['households'] as const) : []),
          ];
          return {
            communityId: id,
            name: community.name,
            kinds,
            grids: myGrids.map((g) => ({ gridId: g._id, name: g.name })),
            buildings: mine.map((b) => ({ buildingId: b._id, number: b.number, name: b.name })),
          };
        }),
      );
      return { communities: communities.filter((c) => c.kinds.length), categories: [...CATEGORIES] };
    },
  };
}

export function previewScope(deps: NoticeDeps): Spec<'notice.previewScope'> {
  return {
    summary: 'What a scope resolves to before publishing ("3-27, 30" → which buildings, how many households), or why it cannot be used',
    input: field.object({ communityId, scope: scopeField }),
    errors: ['NOTICE.BUILDINGS_INVALID', 'NOTICE.SCOPE_EMPTY', 'GRID.NOT_FOUND', 'HOUSEHOLD.NOT_FOUND', 'COMMUNITY.NOT_FOUND'],
    policy: PUBLISH_DECISIONS,
    async handle(ctx, input) {
      const { actor, registry } = await publishContext(deps.db, ctx.caller.openid, input.communityId);
      return previewOf(await resolveScope(deps, actor, registryOrFail(registry), input.scope, ctx.now));
    },
  };
}

/** The community a scope is resolved in, or COMMUNITY.NOT_FOUND. */
function registryOrFail(registry: ScopeRegistry | undefined): ScopeRegistry {
  if (!registry) throw new AppError('COMMUNITY.NOT_FOUND', '找不到这个社区，请刷新后重新选择');
  return registry;
}

export function publish(deps: NoticeDeps): Spec<'notice.publish'> {
  return {
    summary:
      'Publishes a notice to the community, a grid, buildings ("3-27, 30"), the isolated households or named households, after WeChat’s content check; chasers for the 楼道长 when acknowledgement is asked; a subscribe message where allowed, sent within a minute by the noticePush timer',
    input: field.object({
      communityId,
      title: field.string({ label: '标题', max: TITLE_MAX }),
      body: field.string({ label: '正文', max: BODY_MAX }),
      category: field.oneOf(CATEGORIES, { label: '类别' }),
      scope: scopeField,
      pinned: optional(field.boolean({ label: '置顶' })),
      expiresAt: optional(instant('到期时间')),
      requiresAck: optional(field.boolean({ label: '需要确认收到' })),
    }),
    requiresRequestId: true,
    errors: [
      'NOTICE.EXPIRY_PAST',
      'NOTICE.EXPIRY_TOO_FAR',
      'NOTICE.CONTENT_REJECTED',
      'NOTICE.CONTENT_CHECK_FAILED',
      'NOTICE.BUILDINGS_INVALID',
      'NOTICE.SCOPE_EMPTY',
      'GRID.NOT_FOUND',
      'HOUSEHOLD.NOT_FOUND',
      'COMMUNITY.NOT_FOUND',
    ],
    policy: PUBLISH_DECISIONS,
    /**
     * A fixed number of requests whatever the scope (issue 9: ≤ 5): the caller, the community's buildings and grids and
     * a retry's notice in one aggregate; the households per building (one aggregate, or the isolated/named households);
     * WeChat's content check; the insert, which is the idempotency check too (the id comes from the request); the
     * chasers in one insert when 确认收到 is asked. The subscribe messages go out from the noticePush timer (push.ts).
     */
    async handle(ctx, input) {
      const id = stableId('notice', ctx.caller.openid, ctx.requestId!);
      const { actor, registry, existing } = await publishContext(deps.db, ctx.caller.openid, input.communityId, id);
      if (existing) {
        // Finish what a crash after the insert may have cut short (chaser ids are deterministic); the message is the
        // timer's, once, whatever happens here.
        await createChasers(deps.db, existing);
        return managedItem(existing, { households: existing.householdCount, read: 0, acknowledged: 0 }, ctx.now);
      }
      const expiresAt = checkExpiry(input.expiresAt ? new Date(input.expiresAt) : undefined, ctx.now);
      const resolved = await resolveScope(deps, actor, registryOrFail(registry), input.scope, ctx.now);
      const verdict = await checkText(deps.msgSecCheck, `${input.title}\n${input.body}`, ctx.caller.openid);
      if (verdict.kind === 'rejected') {
        throw new AppError('NOTICE.CONTENT_REJECTED', `内容未通过微信内容安全检查：疑似含有${verdict.reason}内容，请修改后再发布`);
      }
      if (verdict.kind === 'unavailable') {
        throw new AppError('NOTICE.CONTENT_CHECK_FAILED', '暂时无法完成内容安全检查，通知没有发布，请稍后重试');
      }
      const notice: Notice = {
        _id: id,
        communityId: input.communityId,
        title: input.title,
        body: input.body,
        category: input.category,
        ...resolved,
        pinRank: input.pinned ? 1 : 0,
        requiresAck: input.requiresAck ?? false,
        ...(expiresAt ? { expiresAt } : {}),
        liveUntil: expiresAt ?? NEVER,
        status: 'published',
        authorOpenid: actor.openid,
        authorName: actorLabel(actor),
        publishedAt: ctx.now,
        pushState: 'pending',
      };
      try {
        await deps.db.collection(NOTICES).add({ data: { ...notice } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // the same request arriving twice at once: the other one publishes
        return managedItem(notice, { households: notice.householdCount, read: 0, acknowledged: 0 }, ctx.now);
      }
      await createChasersOfNew(deps.db, notice);
      return managedItem(notice, { households: notice.householdCount, read: 0, acknowledged: 0 }, ctx.now);
    },
  };
}

// ── What residents see ───────────────────────────────────────────────────────────────────────────────

function readStateOf(n: Notice, links: HouseholdLink[], receipts: Receipt[]): ReadState {
  const covered = coveredHouseholds(n, links);
  const mine = receipts.filter((r) => r.noticeId === n._id);
  const of = (h: HouseholdLink) => mine.find((r) => r.householdId === h.householdId);
  const read = covered.length > 0 && covered.every((h) => of(h));
  const acknowledged = covered.length > 0 && covered.every((h) => of(h)?.acknowledged === 1);
  const at = mine.map((r) => r.acknowledgedAt).filter((d): d is Date => !!d);
  return { read, acknowledged, ...(acknowledged && at.length ? { acknowledgedAt: at[0] } : {}) };
}

/** Keyset paging (pinned, newest, id): a notice published between two pages does not shift the next page. */
function pageWhere(db: Database, base: Record<string, unknown>, cursor?: string): Record<string, unknown> {
  if (!cursor) return base;
  const c = decodeCursor(cursor);
  const _ = db.command;
  const at = new Date(c.publishedAt);
  return _.and([
    base,
    _.or([
      { pinRank: _.lt(c.pinRank) },
      { pinRank: c.pinRank, publishedAt: _.lt(at) },
      { pinRank: c.pinRank, publishedAt: at, _id: _.lt(c.id) },
    ]),
  ]) as Record<string, unknown>;
}

async function pageOfNotices(
  db: Database,
  where: Record<string, unknown>,
  cursor?: string,
): Promise<{ page: Notice[]; nextCursor: string | null }> {
  const res = await db
    .collection<Notice>(NOTICES)
    .where(pageWhere(db, where, cursor))
    .orderBy('pinRank', 'desc')
    .orderBy('publishedAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(PAGE_SIZE + 1)
    .get();
  const page = res.data.slice(0, PAGE_SIZE);
  return { page, nextCursor: res.data.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : null };
}

export function listMine(deps: NoticeDeps): Spec<'notice.listMine'> {
  return {
    summary: "Notices that reach one of the caller's households, unexpired, pinned first then newest, 20 a page, each read or unread",
    input: field.object({ cursor: optional(field.string({ label: '列表位置', max: 100 })) }),
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      if (!actor.households.length) return { items: [], nextCursor: null };
      const _ = deps.db.command;
      const where = { audience: _.in(keysOfHouseholds(actor.households)), liveUntil: _.gt(ctx.now) };
      const { page, nextCursor } = await pageOfNotices(deps.db, where, input.cursor);
      const receipts = await receiptsFor(
        deps.db,
        page.map((n) => n._id),
        actor.households.map((h) => h.householdId),
      );
      return { items: page.map((n) => listItem(n, readStateOf(n, actor.households, receipts))), nextCursor };
    },
  };
}

export function unreadCount(deps: NoticeDeps): Spec<'notice.unreadCount'> {
  return {
    summary: "How many unexpired notices reaching the caller's households are unread (the badge); counted over the newest 100",
    input: field.object({}),
    async handle(ctx) {
      const actor = await actorOf(deps, ctx.caller.openid);
      if (!actor.households.length) return { count: 0, more: false };
      const _ = deps.db.command;
      const live = (
        await deps.db
          .collection<Notice>(NOTICES)
          .where({ audience: _.in(keysOfHouseholds(actor.households)), liveUntil: _.gt(ctx.now) })
          .orderBy('publishedAt', 'desc')
          .field({ _id: true, audience: true })
          .limit(BADGE_WINDOW)
          .get()
      ).data;
      const receipts = await receiptsFor(
        deps.db,
        live.map((n) => n._id),
        actor.households.map((h) => h.householdId),
      );
      const count = live.filter((n) => !readStateOf(n, actor.households, receipts).read).length;
      return { count, more: live.length === BADGE_WINDOW && count === BADGE_WINDOW };
    },
  };
}

function detailOf(n: Notice, state: ReadState): NoticeDetail {
  return {
    ...listItem(n, state),
    body: n.body,
    scope: n.scope,
    ...(state.acknowledgedAt ? { acknowledgedAt: state.acknowledgedAt.toISOString() } : {}),
  };
}

/** The caller's households the notice reaches, each checked by the policy; none → as if it did not exist. */
function coveredOrFail(actor: Actor, n: Notice, action: 'notice.open' | 'notice.acknowledge'): HouseholdLink[] {
  const covered = coveredHouseholds(n, actor.households);
  if (!covered.length) throw new AppError('NOTICE.NOT_FOUND', '找不到这条通知，它可能不是发给你家的，请下拉刷新');
  for (const h of covered)
    authorize(actor, action, { communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId, householdId: h.householdId });
  return covered;
}

export function open(deps: NoticeDeps): Spec<'notice.open'> {
  return {
    summary: "Opens a notice: the whole text, and it counts as read for each of the caller's households it reaches (once)",
    input: field.object({ noticeId }),
    errors: ['NOTICE.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, n] = await Promise.all([actorOf(deps, ctx.caller.openid), noticeOrFail(deps.db, input.noticeId)]);
      const covered = coveredOrFail(actor, n, 'notice.open');
      const receipts = await markRead(deps.db, n, covered, actor.openid, ctx.now);
      return detailOf(n, readStateOf(n, covered, receipts));
    },
  };
}

export function acknowledgeNotice(deps: NoticeDeps): Spec<'notice.acknowledge'> {
  return {
    summary: "确认收到: acknowledges a notice that asks for it, for each of the caller's households it reaches; again changes nothing",
    input: field.object({ noticeId }),
    errors: ['NOTICE.NOT_FOUND', 'NOTICE.ACK_NOT_ASKED'],
    async handle(ctx, input) {
      const [actor, n] = await Promise.all([actorOf(deps, ctx.caller.openid), noticeOrFail(deps.db, input.noticeId)]);
      const covered = coveredOrFail(actor, n, 'notice.acknowledge');
      if (!n.requiresAck) throw new AppError('NOTICE.ACK_NOT_ASKED', '这条通知不需要确认收到，打开即记为已读');
      const changed = await acknowledge(deps.db, n, covered, actor.openid, 'self', ctx.now);
      for (const b of new Set(changed.map((h) => h.buildingId))) await closeChaserIfDone(deps.db, n, b, ctx.now);
      const receipts = await receiptsFor(
        deps.db,
        [n._id],
        covered.map((h) => h.householdId),
      );
      return detailOf(n, readStateOf(n, covered, receipts));
    },
  };
}

// ── What staff see ───────────────────────────────────────────────────────────────────────────────────

/** The buildings of a notice the actor may see receipts for (policy, building by building; pure). */
export function visibleReach(actor: Actor, n: Notice): Notice['reach'] {
  return n.reach.filter(
    (r) => decide(actor, 'notice.receipts', { communityId: n.communityId, gridId: r.gridId, buildingId: r.buildingId }).allowed,
  );
}

export function listManaged(deps: NoticeDeps): Spec<'notice.listManaged'> {
  return {
    summary:
      "Staff: notices reaching the buildings, grid or community the caller looks after (what a 楼道长 chases), pinned then newest, 20 a page, with households reached, read and acknowledged in the caller's buildings",
    input: field.object({ cursor: optional(field.string({ label: '列表位置', max: 100 })) }),
    policy: ['notice.receipts'],
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      const _ = deps.db.command;
      const clauses = actor.grants.flatMap((g) => {
        switch (g.role) {
          case 'communityAdmin':
            return [{ communityId: g.communityId }];
          case 'gridWorker':
            return [{ communityId: g.communityId, gridIds: g.gridId }];
          case 'buildingLeader':
            return [{ communityId: g.communityId, buildingIds: _.in(g.buildingIds) }];
          default:
            return [];
        }
      });
      if (!clauses.length) return { items: [], nextCursor: null };
      const where = clauses.length === 1 ? clauses[0] : (_.or(clauses) as Record<string, unknown>);
      const { page, nextCursor } = await pageOfNotices(deps.db, where, input.cursor);
      const visible = new Map(page.map((n) => [n._id, visibleReach(actor, n)]));
      const everywhere = page.every((n) => visible.get(n._id)!.length === n.reach.length);
      // One aggregate for the page: per notice, or per notice and building when some buildings are not the caller's.
      const counts = everywhere
        ? await countsByNotice(
            deps.db,
            page.map((n) => n._id),
          )
        : await countsByNotice(
            deps.db,
            page.map((n) => n._id),
            [...new Set([...visible.values()].flat().map((r) => r.buildingId))],
          );
      return {
        items: page.map((n) => {
          const c = counts.get(n._id) ?? { read: 0, acknowledged: 0 };
          const households = visible.get(n._id)!.reduce((sum, r) => sum + r.households, 0);
          return managedItem(n, { households, read: c.read, acknowledged: c.acknowledged }, ctx.now);
        }),
        nextCursor,
      };
    },
  };
}

export const buildingOfReach = (n: Notice, buildingId: string) => n.reach.find((r) => r.buildingId === buildingId);

export const reachTarget = (n: Notice, r: Notice['reach'][number]) =>
  buildingTarget({ _id: r.buildingId, communityId: n.communityId, gridId: r.gridId } as BuildingRecord);
