import { ColumnHeader } from "@/components/ui/column-header";
import { ROLE_LABELS, ROLE_DESCRIPTIONS, type Role } from "@/lib/domain/roles";

/** Shown on the sign-in page in demo mode only: the seeded accounts, one per role. */
export function DemoAccounts({ accounts, password }: { accounts: { email: string; role: Role }[]; password: string }) {
  return (
    <section aria-labelledby="demo-title" className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
      <h2 id="demo-title" className="font-semibold text-amber-900">
        Demo mode
      </h2>
      <p className="mt-1 text-amber-900">
        Every demo account uses the password <code className="rounded bg-white px-1 py-0.5 font-mono text-xs whitespace-nowrap">{password}</code>
      </p>
      <table className="mt-3 w-full text-left text-xs">
        <thead className="text-amber-900/80">
          <tr>
            <ColumnHeader className="py-1">Role</ColumnHeader>
            <ColumnHeader className="py-1">Email</ColumnHeader>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.email} className="border-t border-amber-200/70" title={ROLE_DESCRIPTIONS[a.role]}>
              <td className="py-1 pr-2 text-amber-950">{ROLE_LABELS[a.role]}</td>
              <td className="py-1 font-mono text-amber-950">{a.email}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
