/**
 * A page that shows what another page changes (a list and its detail, a board and a household) loads again when the
 * person comes back to it; the first show is the load onLoad already started. Goes after `loadable` or `pagedList`
 * in `behaviors`, whose reload it calls.
 */
const shown = new WeakSet<object>();

interface Reloadable {
  reloadList?: () => Promise<void>;
  reloadView?: () => Promise<void>;
}

export const reloadOnReturn = Behavior({
  methods: {
    onShow(): void {
      if (!shown.has(this)) {
        shown.add(this);
        return;
      }
      const page = this as unknown as Reloadable;
      void (page.reloadList ?? page.reloadView)?.call(this);
    },
  },
});
