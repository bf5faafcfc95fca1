export { withDatabase } from '@pioneer/shared/config';
export { ensureDatabase } from '@pioneer/shared/persistence';
