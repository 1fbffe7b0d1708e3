// Every migration, in order. Listed explicitly so the bundled backend needs no directory scan.
import { Migration20261125000000_initial } from './Migration20261125000000_initial';
import { Migration20261125125509_testRuns } from './Migration20261125125509_testRuns';
import { Migration20261125152541_companionLink } from './Migration20261125152541_companionLink';
import { Migration20261125152638_tokenRefresh } from './Migration20261125152638_tokenRefresh';
import { Migration20261125152830_turnAudio } from './Migration20261125152830_turnAudio';

export const MIGRATIONS = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261125125509_testRuns', class: Migration20261125125509_testRuns },
  { name: 'Migration20261125152541_companionLink', class: Migration20261125152541_companionLink },
  { name: 'Migration20261125152638_tokenRefresh', class: Migration20261125152638_tokenRefresh },
  { name: 'Migration20261125152830_turnAudio', class: Migration20261125152830_turnAudio },
];
