/** 回执 for staff: read and acknowledged per building, the households still outstanding with their phones, confirming for them. */
import type { NoticeApi, OutstandingList } from '../../typings/contract/notice';
import type { Binding } from '../binding/binding';
import { contactsOf } from '../checkIn/board';
import { actorLabel } from '../community/deps';
import { buildingId, householdId } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import { householdTarget, MAX_READ } from '../community/registry';
import type { Household, Resident } from '../household/household';
import { closeChaserIfDone } from '../notice/chasers';
import { actorOf, type NoticeDeps } from '../notice/deps';
import { buildingOfReach, noticeOrFail, reachTarget, visibleReach } from '../notice/handlers';
import { coveredHouseholds, managedItem, type Notice } from '../notice/notice';
import { AppError, CommonErrors } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field } from '../platform/validation';
import { authorize } from '../policy/policy';
import type { Actor } from '../policy/roles';
import { buildingRows, outstandingHouseholds, outstandingSummary, RECEIPTS, totalsOf, type Receipt } from './receipt';
import { acknowledge, countsByBuilding } from './repository';

type Spec<K extends keyof NoticeApi> = ActionSpec<NoticeApi[K]['input'], NoticeApi[K]['output']>;

const noticeId = field.id({ label: '通知' });

export function receipts(deps: NoticeDeps): Spec<'notice.receipts'> {
  return {
    summary: 'Staff: read and acknowledged per building of a notice, for the buildings the caller looks after (one aggregate)',
    input: field.object({ noticeId }),
    errors: ['NOTICE.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, n] = await Promise.all([actorOf(deps, ctx.caller.openid), noticeOrFail(deps.db, input.noticeId)]);
      const reach = visibleReach(actor, n);
      if (!reach.length) throw CommonErrors.forbidden('这条通知没有发到你负责的楼栋');
      const all = reach.length === n.reach.length;
      const counts = await countsByBuilding(deps.db, n._id, all ? undefined : reach.map((r) => r.buildingId));
      const buildings = buildingRows(reach, counts, n.requiresAck);
      const totals = totalsOf(buildings);
      return {
        notice: {
          ...managedItem(n, { households: totals.households, read: totals.read, acknowledged: totals.acknowledged }, ctx.now),
          body: n.body,
        },
        buildings,
        totals,
      };
    },
  };
}

/** The households of one building the notice reached, who is outstanding there, and how to call them. Four reads. */
async function outstandingIn(deps: NoticeDeps, n: Notice, building: Notice['reach'][number]): Promise<OutstandingList> {
  const _ = deps.db.command;
  const [households, got] = await Promise.all([
    deps.db
      .collection<Household>(COLLECTIONS.households)
      .where({
        communityId: n.communityId,
        buildingId: building.buildingId,
        ...(n.householdIds ? { _id: _.in(n.householdIds) } : {}),
      })
      .field({ _id: true, label: true })
      .limit(MAX_READ)
      .get(),
    deps.db
      .collection<Receipt>(RECEIPTS)
      .where({ noticeId: n._id, buildingId: building.buildingId })
      .field({ householdId: true, acknowledged: true })
      .limit(MAX_READ)
      .get(),
  ]);
  const reached = households.data.map((h) => ({ householdId: h._id, label: h.label }));
  const pending = outstandingHouseholds(reached, got.data, n.requiresAck, new Map());
  const ids = pending.map((h) => h.householdId);
  const [members, proxies] = ids.length
    ? await Promise.all([
        deps.db
          .collection<Resident>(COLLECTIONS.residents)
          .where({ communityId: n.communityId, householdId: _.in(ids) })
          .limit(MAX_READ)
          .get(),
        deps.db
          .collection<Binding>(COLLECTIONS.bindings)
          .where({ communityId: n.communityId, householdId: _.in(ids), status: 'confirmed' })
          .limit(MAX_READ)
          .get(),
      ])
    : [{ data: [] as Resident[] }, { data: [] as Binding[] }];
  const phones = new Map(
    ids.map((id) => [
      id,
      contactsOf(
        members.data.filter((m) => m.householdId === id),
        proxies.data.filter((p) => p.householdId === id),
      ),
    ]),
  );
  const list = outstandingHouseholds(reached, got.data, n.requiresAck, phones);
  return {
    noticeId: n._id,
    buildingId: building.buildingId,
    buildingName: building.buildingName,
    summary: outstandingSummary(list.length, n.requiresAck),
    households: list,
  };
}

function reachedBuildingOrFail(actor: Actor, n: Notice, id: string): Notice['reach'][number] {
  const building = buildingOfReach(n, id);
  if (!building) throw new AppError('NOTICE.NOT_IN_BUILDING', '这条通知没有发到这栋楼');
  authorize(actor, 'notice.outstanding', reachTarget(n, building));
  return building;
}

export function outstanding(deps: NoticeDeps): Spec<'notice.outstanding'> {
  return {
    summary: "「还有 3 户未读」: a building's households that have not read (or acknowledged) a notice, in door order, with phones to call",
    input: field.object({ noticeId, buildingId }),
    errors: ['NOTICE.NOT_FOUND', 'NOTICE.NOT_IN_BUILDING'],
    async handle(ctx, input) {
      const [actor, n] = await Promise.all([actorOf(deps, ctx.caller.openid), noticeOrFail(deps.db, input.noticeId)]);
      return outstandingIn(deps, n, reachedBuildingOrFail(actor, n, input.buildingId));
    },
  };
}

export function confirmFor(deps: NoticeDeps): Spec<'notice.confirmFor'> {
  return {
    summary:
      "The 楼道长 told a household by phone or at the door: it counts as read (and acknowledged, when asked), noting who and how; answers the building's outstanding list",
    input: field.object({ noticeId, householdId, method: field.oneOf(['phone', 'door'] as const, { label: '告知方式' }) }),
    errors: ['NOTICE.NOT_FOUND', 'NOTICE.NOT_IN_BUILDING', 'HOUSEHOLD.NOT_FOUND'],
    async handle(ctx, input) {
      const [actor, n, household] = await Promise.all([
        actorOf(deps, ctx.caller.openid),
        noticeOrFail(deps.db, input.noticeId),
        deps.reg.householdOrFail(input.householdId),
      ]);
      authorize(actor, 'notice.confirmFor', householdTarget(household));
      const link = {
        householdId: household._id,
        communityId: household.communityId,
        gridId: household.gridId,
        buildingId: household.buildingId,
      };
      if (household.communityId !== n.communityId || !coveredHouseholds(n, [link]).length) {
        throw new AppError('NOTICE.NOT_IN_BUILDING', `这条通知没有发给 ${household.label}`);
      }
      const building = reachedBuildingOrFail(actor, n, household.buildingId);
      const changed = await acknowledge(
        deps.db,
        n,
        [link],
        `${actorLabel(actor)}（${input.method === 'phone' ? '电话' : '上门'}告知）`,
        input.method,
        ctx.now,
      );
      if (changed.length) await closeChaserIfDone(deps.db, n, household.buildingId, ctx.now);
      return outstandingIn(deps, n, building);
    },
  };
}
