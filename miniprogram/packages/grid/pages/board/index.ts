import { loadable, type LoadedView } from '../../../../behaviors/loadable';
import { toBoardView, type BoardView } from '../../presenters/board';
import { fetchGridBoard } from '../../services/board';

Component({
  behaviors: [loadable],
  data: {
    board: null as BoardView | null,
  },
  methods: {
    onLoad(): void {
      void this.reloadView();
    },

    async fetchView(): Promise<LoadedView> {
      const { empty, view } = toBoardView(await fetchGridBoard());
      return { empty, data: { board: view } };
    },
  },
});
