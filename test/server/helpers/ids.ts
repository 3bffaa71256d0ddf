/** The ids the server derives from request ids, so a test can follow a long-running action it started. */
export { stableId as stableIdForTest } from '../../../server/household/household';
