/** 物资目录: reading a community's catalog, and staff keeping it. */
import type { SupplyApi } from '../../typings/contract/supply';
import { actorLabel } from '../community/deps';
import { communityId } from '../community/fields';
import { stableId } from '../household/household';
import { AppError } from '../platform/errors';
import type { ActionSpec } from '../platform/router';
import { field, optional } from '../platform/validation';
import { authorize } from '../policy/policy';
import { actorOf, type SupplyDeps } from '../supply/deps';
import { CATALOG, CATEGORIES, catalogItemView, compareCatalog, MAX_CATALOG_ITEMS, type CatalogItem } from './catalog';

type Spec<K extends keyof SupplyApi> = ActionSpec<SupplyApi[K]['input'], SupplyApi[K]['output']>;

export function listCatalog(deps: SupplyDeps): Spec<'catalog.list'> {
  return {
    summary: "A community's catalog by category (names, units, indicative prices; nothing personal), available items only unless asked",
    input: field.object({ communityId, includeUnavailable: optional(field.boolean({ label: '含缺货物资' })) }),
    errors: ['COMMUNITY.NOT_FOUND'],
    async handle(_ctx, input) {
      await deps.reg.communityOrFail(input.communityId);
      const where = input.includeUnavailable ? { communityId: input.communityId } : { communityId: input.communityId, available: true };
      const items = (await deps.db.collection<CatalogItem>(CATALOG).where(where).limit(MAX_CATALOG_ITEMS).get()).data;
      return items.sort(compareCatalog).map(catalogItemView);
    },
  };
}

export function saveCatalogItem(deps: SupplyDeps): Spec<'catalog.save'> {
  return {
    summary: 'Adds a catalog item, or changes one (name, unit, price in fen, case-pack, category, available)',
    input: field.object({
      communityId,
      itemId: optional(field.id({ label: '物资' })),
      name: field.string({ label: '物资名称', max: 30 }),
      unit: field.string({ label: '单位', max: 4 }),
      priceFen: optional(field.number({ label: '价格（分）', min: 0, max: 1_000_000 })),
      casePack: optional(field.number({ label: '整箱规格', min: 1, max: 1000 })),
      category: field.oneOf(CATEGORIES, { label: '分类' }),
      available: field.boolean({ label: '是否有货' }),
      loose: optional(field.boolean({ label: '散装称重' })),
    }),
    requiresRequestId: true,
    errors: ['COMMUNITY.NOT_FOUND', 'CATALOG.NOT_FOUND', 'CATALOG.FULL'],
    async handle(ctx, input) {
      const actor = await actorOf(deps, ctx.caller.openid);
      authorize(actor, 'catalog.save', { communityId: input.communityId });
      await deps.reg.communityOrFail(input.communityId);
      const items = deps.db.collection<CatalogItem>(CATALOG);
      // A new item's id comes from the request, so a retried save adds it once.
      const id = input.itemId ?? stableId('item', input.communityId, ctx.caller.openid, ctx.requestId!);
      const existing = (await items.where({ _id: id }).limit(1).get()).data[0];
      if (input.itemId && (!existing || existing.communityId !== input.communityId)) {
        throw new AppError('CATALOG.NOT_FOUND', '找不到这项物资，可能已被删除，请刷新后重试');
      }
      if (!existing) {
        const count = await items.where({ communityId: input.communityId }).count();
        if (count.total >= MAX_CATALOG_ITEMS)
          throw new AppError('CATALOG.FULL', `目录最多 ${MAX_CATALOG_ITEMS} 项，请先把不再供应的物资改为缺货或合并`);
      }
      const item: CatalogItem = {
        _id: id,
        communityId: input.communityId,
        name: input.name,
        unit: input.unit,
        ...(input.priceFen !== undefined ? { priceFen: input.priceFen } : {}),
        casePack: input.casePack ?? 1,
        category: input.category,
        available: input.available,
        loose: input.loose ?? false,
        createdAt: existing?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
        updatedBy: actorLabel(actor),
      };
      const { _id, ...data } = item;
      await items.doc(_id).set({ data });
      return catalogItemView(item);
    },
  };
}
