/** The event shapes pages receive from their templates and from TDesign components. */

/** A tap on a node with `data-*` attributes (read from currentTarget.dataset). */
export type DatasetEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  D
>;

/** TDesign's change events: t-input, t-search, t-radio-group, t-tabs, t-checkbox-group, t-textarea. */
export interface ValueEvent<V> {
  detail: { value: V };
}

/** t-picker's confirm: one value and label per column. */
export interface PickerConfirmEvent {
  detail: { value: string[]; label: string[] };
}

/** t-cascader's change: the leaf value and the options along the path. */
export interface CascaderChangeEvent {
  detail: { value: string; selectedOptions: { label: string; value: string }[] };
}
