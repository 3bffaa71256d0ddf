/** 查看我的数据: everything 守望 keeps about the household, as a readable list (PIPL: the right to see one's data). */
import { loadable, type LoadedView } from '../../behaviors/loadable';
import { instanceState } from '../../behaviors/instanceState';
import { toMyDataSections, type DataSection } from '../../presenters/household';
import { fetchMyHouseholdData } from '../../services/household';
import { AppError } from '../../transport/index';
import { queryValue } from '../../behaviors/query';

const local = instanceState(() => ({ householdId: '' }));

Component({
  behaviors: [loadable],
  data: {
    sections: [] as DataSection[],
    exportedAt: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).householdId = queryValue(query, 'householdId');
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const householdId = local(this).householdId;
      if (!householdId) throw new AppError('CLIENT.MISSING_HOUSEHOLD', '没有找到这户房屋，请从「我的」重新进入');
      const { sections, exportedAt } = toMyDataSections(await fetchMyHouseholdData(householdId));
      return { empty: false, data: { sections, exportedAt } };
    },
  },
});
