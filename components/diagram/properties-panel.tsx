import { useId, type ReactNode } from "react";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ELEMENT_KIND_LABEL, PROCESS_PRIVILEGES, type ProcessPrivilege } from "@/lib/domain/diagram/diagram";
import { itemName, type DiagramItem } from "./diagram-items";

const PRIVILEGE_LABEL: Record<ProcessPrivilege, string> = { user: "User", service: "Service account", admin: "Administrator", system: "System" };

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/**
 * The selected item's fields. Read-only shows the same fields disabled, so a viewer reads what
 * an editor sees. Out of scope asks for its reason beside the box.
 */
export function PropertiesPanel({
  item,
  update,
  assets,
  trustBoundaries,
  linkBoundary,
  readOnly,
  analysis,
}: {
  item: DiagramItem;
  update: (item: DiagramItem) => void;
  assets: readonly { key: string; name: string }[];
  trustBoundaries: readonly { key: string; name: string }[];
  linkBoundary: (boundaryRowKey: string | null) => void;
  readOnly: boolean;
  analysis: ReactNode;
}) {
  const id = useId();
  const reasonMissing = item.outOfScope && !item.outOfScopeReason.trim();
  const set = (fields: Partial<DiagramItem>) => update({ ...item, ...fields } as DiagramItem);
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-md border border-slate-200 bg-white p-3" data-testid="diagram-properties">
      <h4 id={`${id}-heading`} className="text-sm font-semibold text-slate-900">
        {ELEMENT_KIND_LABEL[item.kind].replace(/^./, (c) => c.toUpperCase())}: {itemName(item)}
      </h4>
      <fieldset disabled={readOnly} className="space-y-3">
        <Field id={`${id}-name`} label="Name">
          <Input id={`${id}-name`} value={item.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field id={`${id}-description`} label="Description">
          <Textarea id={`${id}-description`} rows={2} value={item.description} maxLength={2000} onChange={(e) => set({ description: e.target.value })} />
        </Field>

        {item.kind === "flow" && (
          <>
            <Field id={`${id}-label`} label="Data (label)">
              <Input id={`${id}-label`} value={item.label} maxLength={200} onChange={(e) => set({ label: e.target.value })} />
            </Field>
            <Field id={`${id}-protocol`} label="Protocol">
              <Input id={`${id}-protocol`} value={item.protocol} maxLength={100} onChange={(e) => set({ protocol: e.target.value })} />
            </Field>
            <Check label="Encrypted in transit" checked={item.encrypted} onChange={(encrypted) => set({ encrypted })} />
            <Check label="Crosses a public network" checked={item.crossesPublicNetwork} onChange={(crossesPublicNetwork) => set({ crossesPublicNetwork })} />
            <Check label="Authenticated" checked={item.authenticated} onChange={(authenticated) => set({ authenticated })} />
          </>
        )}
        {item.kind === "store" && (
          <>
            <Check label="Holds credentials" checked={item.holdsCredentials} onChange={(holdsCredentials) => set({ holdsCredentials })} />
            <Check label="Is a log" checked={item.isLog} onChange={(isLog) => set({ isLog })} />
            <Check label="Encrypted at rest" checked={item.encryptedAtRest} onChange={(encryptedAtRest) => set({ encryptedAtRest })} />
          </>
        )}
        {item.kind === "process" && (
          <>
            <Field id={`${id}-privilege`} label="Runs with the rights of">
              <Select id={`${id}-privilege`} value={item.privilege} onChange={(e) => set({ privilege: e.target.value as ProcessPrivilege })}>
                {PROCESS_PRIVILEGES.map((p) => (
                  <option key={p} value={p}>
                    {PRIVILEGE_LABEL[p]}
                  </option>
                ))}
              </Select>
            </Field>
            <Check label="Handles untrusted input" checked={item.handlesUntrustedInput} onChange={(handlesUntrustedInput) => set({ handlesUntrustedInput })} />
          </>
        )}
        {item.kind === "entity" && (
          <Field id={`${id}-actor`} label="Who it is">
            <Select id={`${id}-actor`} value={item.actor} onChange={(e) => set({ actor: e.target.value as "human" | "system" })}>
              <option value="human">A person</option>
              <option value="system">Another system</option>
            </Select>
          </Field>
        )}
        {(item.kind === "box" || item.kind === "line") && (
          <Field id={`${id}-row`} label="Trust boundary of the model" hint="Renaming this boundary renames the model's row too.">
            {(control) => (
              <Select {...control} value={item.trustBoundaryId ?? ""} onChange={(e) => linkBoundary(e.target.value || null)}>
                <option value="">Not linked</option>
                {trustBoundaries.map((b) => (
                  <option key={b.key} value={b.key}>
                    {b.name.trim() || "Unnamed boundary"}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        {item.kind !== "box" && item.kind !== "line" && assets.length > 0 && (
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">Assets it is, holds or carries</legend>
            {assets.map((asset) => {
              const linked = item.assetIds?.includes(asset.key) ?? false;
              return (
                <Check
                  key={asset.key}
                  label={asset.name.trim() || "Unnamed asset"}
                  checked={linked}
                  onChange={(on) => set({ assetIds: on ? [...(item.assetIds ?? []), asset.key] : (item.assetIds ?? []).filter((k) => k !== asset.key) })}
                />
              );
            })}
          </fieldset>
        )}

        <Check label="Out of scope" checked={item.outOfScope} onChange={(outOfScope) => set({ outOfScope })} />
        {item.outOfScope && (
          <Field id={`${id}-reason`} label="Why it is out of scope" error={reasonMissing ? "Say why it is left out of the analysis." : undefined}>
            {(control) => (
              <Textarea
                {...control}
                rows={2}
                required
                value={item.outOfScopeReason}
                maxLength={2000}
                onChange={(e) => set({ outOfScopeReason: e.target.value })}
              />
            )}
          </Field>
        )}
      </fieldset>
      {analysis}
    </section>
  );
}
