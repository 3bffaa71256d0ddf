/**
 * 导入社区结构: the admin uploads the office's spreadsheet to cloud storage and names its fileID. Every row is
 * checked first; if any row cannot be read, nothing is written and each bad row is reported with its number.
 * Ids are derived from addresses, so importing the same file again creates nothing. Progress is kept on the
 * import's own record, which the page polls while the import runs.
 */
import type { CommunityApi, ImportReport } from '../../typings/contract/community';
import { actorOf, type CommunityDeps } from '../community/deps';
import { communityId } from '../community/fields';
import { COLLECTIONS } from '../community/records';
import { stableId, type Household, type Resident } from '../household/household';
import type { Database, Doc } from '../platform/database';
import { AppError } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field } from '../platform/validation';
import { authorize } from '../policy/policy';
import { deriveRiskColour } from '../riskColour/riskColour';
import { readSpreadsheet, SpreadsheetError } from './spreadsheet';
import { missingColumns, planStructure } from './structure';

type Spec<K extends keyof CommunityApi> = ActionSpec<CommunityApi[K]['input'], CommunityApi[K]['output']>;

interface ImportJob extends ImportReport {
  _id: string;
  communityId: string;
  fileID: string;
  by: string;
  createdAt: Date;
  updatedAt: Date;
}

const BATCH = 200;
const PAGE = 1000;

const report = ({ importId, status, processed, total, problems, created, unchanged }: ImportJob): ImportReport => ({
  importId,
  status,
  processed,
  total,
  problems,
  created,
  unchanged,
});

/** Every id already in a collection for the community, a page at a time (a get answers 1000 at most). */
async function existingIds(db: Database, collection: string, communityId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let skip = 0; ; skip += PAGE) {
    const res = await db.collection<{ _id: string }>(collection).where({ communityId }).orderBy('_id', 'asc').skip(skip).limit(PAGE).field({ _id: true }).get();
    res.data.forEach((d) => ids.add(d._id));
    if (res.data.length < PAGE) return ids;
  }
}

export function importStructure(deps: CommunityDeps): Spec<'structure.import'> {
  return {
    summary: 'Imports grids, buildings, households and residents from an .xlsx or .csv in cloud storage; all rows or none',
    input: field.object({ communityId, fileID: field.string({ label: '文件', max: 500, pattern: /^cloud:\/\//, patternMessage: '请先上传文件' }) }),
    requiresRequestId: true,
    errors: ['COMMUNITY.NOT_FOUND', 'IMPORT.UNREADABLE'],
    async handle(ctx, input) {
      authorize(await actorOf(deps, ctx.caller.openid), 'structure.import', { communityId: input.communityId });
      const community = await deps.reg.communityOrFail(input.communityId);
      const jobs = deps.db.collection<ImportJob>(COLLECTIONS.imports);
      const importId = stableId('imp', ctx.caller.openid, ctx.requestId!);
      const previous = (await jobs.where({ _id: importId }).limit(1).get()).data[0];
      if (previous) return report(previous); // a retried submit: the first one is (or was) doing the work
      const job: ImportJob = {
        _id: importId,
        importId,
        communityId: community._id,
        fileID: input.fileID,
        by: ctx.caller.openid,
        status: 'reading',
        processed: 0,
        total: 0,
        problems: [],
        created: { grids: 0, buildings: 0, households: 0, residents: 0 },
        unchanged: 0,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const { _id, ...data } = job;
      await jobs.add({ data: { _id, ...data } });
      const save = async (patch: Partial<ImportJob>) => {
        Object.assign(job, patch);
        await jobs.doc(importId).update({ data: { ...patch, updatedAt: new Date() } as Doc });
        return report(job);
      };

      let parsed;
      try {
        const bytes = await deps.files.download(input.fileID);
        parsed = await readSpreadsheet(input.fileID.split('/').pop() ?? '', bytes);
      } catch (err) {
        const message = err instanceof SpreadsheetError ? err.message : '无法读取上传的文件，请重新上传';
        return save({ status: 'failed', problems: [{ row: 0, message }] });
      }
      const missing = missingColumns(parsed.headers);
      if (missing.length) return save({ status: 'failed', problems: [{ row: 1, message: `表头缺少：${missing.join('、')}（第 1 行应为表头，如：楼栋、单元、房号、姓名、手机号）` }] });
      const plan = planStructure(community._id, parsed.rows);
      if (plan.problems.length) return save({ status: 'failed', total: plan.rows, processed: plan.rows, problems: plan.problems });

      const [grids, buildings, households, residents] = await Promise.all(
        [COLLECTIONS.grids, COLLECTIONS.buildings, COLLECTIONS.households, COLLECTIONS.residents].map((c) => existingIds(deps.db, c, community._id)),
      );
      const now = ctx.now;
      const fresh = {
        grids: plan.grids.filter((g) => !grids.has(g._id)).map((g) => ({ ...g, communityId: community._id, createdAt: now, updatedAt: now })),
        buildings: plan.buildings.filter((b) => !buildings.has(b._id)).map((b) => ({ ...b, communityId: community._id, createdAt: now })),
        households: plan.households
          .filter((h) => !households.has(h._id))
          .map((h): Household => ({
            ...h,
            communityId: community._id,
            reachable: true,
            riskColour: deriveRiskColour({ unreachable: false }),
            memberCount: plan.residents.filter((r) => r.householdId === h._id).length,
            pendingBindings: 0,
            createdAt: now,
            updatedAt: now,
          })),
        residents: plan.residents.filter((r) => !residents.has(r._id)).map((r): Resident => ({ ...r, communityId: community._id, source: 'import', createdAt: now })),
      };
      const total = fresh.grids.length + fresh.buildings.length + fresh.households.length + fresh.residents.length;
      await save({ total });
      let processed = 0;
      const inc = deps.db.command.inc;
      for (const [collection, docs] of [
        [COLLECTIONS.grids, fresh.grids],
        [COLLECTIONS.buildings, fresh.buildings],
        [COLLECTIONS.households, fresh.households],
        [COLLECTIONS.residents, fresh.residents],
      ] as const) {
        for (let i = 0; i < docs.length; i += BATCH) {
          const batch = docs.slice(i, i + BATCH) as unknown as Doc[];
          await deps.db.collection(collection).add({ data: batch });
          processed += batch.length;
          await save({ processed });
        }
      }
      // Residents added to households that already existed raise their member counts.
      const joined = new Map<string, number>();
      for (const r of fresh.residents) if (households.has(r.householdId)) joined.set(r.householdId, (joined.get(r.householdId) ?? 0) + 1);
      for (const [hid, n] of joined) await deps.db.collection(COLLECTIONS.households).doc(hid).update({ data: { memberCount: inc(n), updatedAt: now } });
      return save({
        status: 'done',
        processed: total,
        created: { grids: fresh.grids.length, buildings: fresh.buildings.length, households: fresh.households.length, residents: fresh.residents.length },
        unchanged: plan.grids.length + plan.buildings.length + plan.households.length + plan.residents.length - total,
      });
    },
  };
}

export function importStatus(deps: CommunityDeps): Spec<'structure.importStatus'> {
  return {
    summary: 'Progress and outcome of an import, for the page to poll',
    input: field.object({ importId: field.id({ label: '导入' }) }),
    errors: ['IMPORT.NOT_FOUND'],
    async handle(ctx, input) {
      const job = (await deps.db.collection<ImportJob>(COLLECTIONS.imports).where({ _id: input.importId }).limit(1).get()).data[0];
      if (!job) throw new AppError('IMPORT.NOT_FOUND', '找不到这次导入，请重新导入');
      authorize(await actorOf(deps, ctx.caller.openid), 'structure.importStatus', { communityId: job.communityId });
      return report(job);
    },
  };
}
