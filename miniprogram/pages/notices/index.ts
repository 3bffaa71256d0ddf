import { pagedList } from '../../behaviors/pagedList';
import { fetchMyNotices, type NoticeSummary } from '../../services/notices';
import type { Page } from '../../services/paging';

Component({
  behaviors: [pagedList],
  methods: {
    onLoad(): void {
      void this.reloadList();
    },

    fetchPage(cursor: string | null): Promise<Page<NoticeSummary>> {
      return fetchMyNotices(cursor);
    },
  },
});
