/** 我的楼栋: the buildings the 楼道长 looks after, with what needs them (bindings to confirm, households not reached). */
import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { instanceState } from '../../../../behaviors/instanceState';
import { toBuildingRow, type BuildingRow } from '../../presenters/buildings';
import { listMyBuildings } from '../../services/buildings';
import { reloadOnReturn } from '../../../../behaviors/reloadOnReturn';

const local = instanceState(() => ({ openable: true }));

Component({
  behaviors: [loadable, reloadOnReturn],
  data: {
    buildings: [] as BuildingRow[],
    volunteer: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      // A volunteer sees which buildings they serve; the board and its households are the 楼道长's.
      const volunteer = query.mode === 'volunteer';
      local(this).openable = !volunteer;
      this.setData({ volunteer });
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const openable = local(this).openable;
      const buildings = (await listMyBuildings()).map((b) => toBuildingRow(b, openable));
      return { empty: buildings.length === 0, data: { buildings } };
    },
  },
});
