// Every migration, in order. Listed explicitly so the bundled backend needs no directory scan.
import { Migration20261125000000_initial } from './Migration20261125000000_initial';

export const MIGRATIONS = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
];
