// Config for the MikroORM CLI (migration:create etc.); DATABASE_URL must point at a database.
import { ormOptions } from './orm';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the MikroORM CLI');
export default ormOptions(url);
