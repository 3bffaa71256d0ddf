/**
 * 物资目录: what a community's staff offer for ordering, per community. Prices are indicative (integer fen); a
 * case-pack says the shop only sells it by the case, which the purchase list rounds up to. Pure.
 */
import type { CatalogCategory, CatalogItemView } from '../../typings/contract/supply';

export const CATALOG = 'catalogItems';

export const CATEGORIES: readonly CatalogCategory[] = ['蔬菜', '肉蛋', '粮油', '奶品', '药品', '日用', '其他'];

/** A community's catalog fits one read; past this staff should retire items rather than add more. */
export const MAX_CATALOG_ITEMS = 500;

export interface CatalogItem {
  _id: string;
  communityId: string;
  name: string;
  unit: string;
  priceFen?: number;
  casePack: number;
  category: CatalogCategory;
  available: boolean;
  loose: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export function catalogItemView(i: CatalogItem): CatalogItemView {
  return {
    itemId: i._id,
    communityId: i.communityId,
    name: i.name,
    unit: i.unit,
    ...(i.priceFen !== undefined ? { priceFen: i.priceFen } : {}),
    casePack: i.casePack,
    category: i.category,
    available: i.available,
    loose: i.loose,
  };
}

/** Category order as the shop is walked, then by name: what the resident's catalog and the purchase list show. */
export function compareCatalog(a: Pick<CatalogItem, 'category' | 'name'>, b: Pick<CatalogItem, 'category' | 'name'>): number {
  return CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.name.localeCompare(b.name, 'zh-Hans-CN');
}

/** 3.50 元 */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`;
}
