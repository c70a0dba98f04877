import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/data/health";

export const dynamic = "force-dynamic";

// For load balancers and orchestrators: 200 while the database answers, 503 otherwise.
export async function GET() {
  const ok = await checkDatabase();
  return NextResponse.json(ok ? { status: "ok" } : { status: "unavailable", reason: "database" }, {
    status: ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
