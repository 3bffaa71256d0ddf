/** The catalog as the community admin keeps it (the `supply` function). */
import { supply, type CatalogItemView } from '../../../services/supply';
import type { CatalogItemInput } from '../../../../typings/contract/supply';

export function fetchWholeCatalog(communityId: string): Promise<CatalogItemView[]> {
  return supply('catalog.list', { communityId, includeUnavailable: true });
}

/** `requestId`: the same on a retry of one save, so a new item is added once. */
export function saveCatalogItem(input: CatalogItemInput, requestId: string): Promise<CatalogItemView> {
  return supply('catalog.save', input, { requestId });
}
