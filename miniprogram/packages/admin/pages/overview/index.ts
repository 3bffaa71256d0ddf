import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { toOverviewView, type OverviewView } from '../../presenters/overview';
import { fetchCommunityOverview } from '../../services/overview';

Component({
  behaviors: [loadable],
  data: {
    overview: null as OverviewView | null,
  },
  methods: {
    onLoad(): void {
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { empty, view } = toOverviewView(await fetchCommunityOverview());
      return { empty, data: { overview: view } };
    },
  },
});
