// `npm run db:migrate`: applies pending migrations as MIGRATION_DATABASE_URL's role (DATABASE_URL's
// when unset), then grants DATABASE_URL's role exactly what the application needs.
// `npm run db:grant`: only the grant step, e.g. after migrating some other way.
import { grantAppRole, migrateDatabase, roleOf } from "./db-roles";

try {
  process.loadEnvFile();
} catch {
  // no .env file: the environment is enough
}

async function main() {
  const appUrl = process.env.DATABASE_URL;
  if (!appUrl) throw new Error("DATABASE_URL must be set (npm start migrates its embedded database itself)");
  const migrationUrl = process.env.MIGRATION_DATABASE_URL || appUrl;
  if (process.argv[2] === "grant") {
    if (roleOf(migrationUrl) === roleOf(appUrl)) throw new Error("MIGRATION_DATABASE_URL must name the owner role, another role than DATABASE_URL's");
    await grantAppRole(migrationUrl, roleOf(appUrl));
    console.log(`[threatdesk] "${roleOf(appUrl)}" holds the application's privileges`);
    return;
  }
  const granted = await migrateDatabase(migrationUrl, appUrl);
  console.log(
    granted
      ? `[threatdesk] database schema up to date; "${roleOf(appUrl)}" holds the application's privileges`
      : `[threatdesk] database schema up to date, migrated as the application's own role "${roleOf(appUrl)}" (set MIGRATION_DATABASE_URL: see README, Database roles)`,
  );
}

main().catch((error: unknown) => {
  console.error(`[threatdesk] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
