/** What <state-view> shows: a spinner or skeleton, the empty message, the error with a retry button, or the content. */
export type ViewStatus = 'loading' | 'ready' | 'empty' | 'error';
