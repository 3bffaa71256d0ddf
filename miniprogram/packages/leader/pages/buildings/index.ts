import { pagedList } from '../../../../behaviors/pagedList';
import type { Page } from '../../../../services/paging';
import { toBuildingRow, type BuildingRow } from '../../presenters/buildings';
import { fetchMyBuildings } from '../../services/buildings';

Component({
  behaviors: [pagedList],
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    async fetchPage(cursor: string | null): Promise<Page<BuildingRow>> {
      const page = await fetchMyBuildings(cursor);
      return { items: page.items.map(toBuildingRow), nextCursor: page.nextCursor };
    },
  },
});
