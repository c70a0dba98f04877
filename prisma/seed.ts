// `npm run db:seed`: the demo organization "acme" (skipped when it exists), then the accounts.
import { config } from "@/lib/config";
import { disconnect } from "@/lib/data/operator";
import { seedDemo } from "@/lib/data/demo-seed";
import { DEMO_USERS } from "@/lib/demo/accounts";
import { ROLE_LABELS } from "@/lib/domain/roles";

async function main() {
  const password = config.demoPassword();
  const { created } = await seedDemo(password);
  console.log(created ? '[seed] demo organization "acme" created' : '[seed] demo organization "acme" exists already; nothing changed');
  console.log(`[seed] demo accounts (password: ${password}):`);
  for (const u of DEMO_USERS) console.log(`         ${ROLE_LABELS[u.role].padEnd(14)} ${u.email}`);
}

main()
  .catch((error) => {
    console.error("[seed] failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnect());
