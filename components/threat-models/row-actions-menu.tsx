"use client";
import type { ReactElement } from "react";
import type { OpenedBy } from "@/components/ui/deferred-menu";
import { Menu, MenuItem, MenuLink } from "@/components/ui/menu";

/** A model row's menu itself, loaded on first use (row-actions.tsx); an item shows only with its handler. */
export function RowActionsMenu({
  trigger,
  openedBy,
  label,
  openHref,
  duplicate,
  onDelete,
  onCloseAutoFocus,
}: {
  trigger: ReactElement;
  openedBy: OpenedBy;
  label: string;
  openHref: string;
  duplicate?: { pending: boolean; run: () => void };
  onDelete?: () => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  return (
    <Menu label={label} defaultOpen={openedBy} onCloseAutoFocus={onCloseAutoFocus} trigger={trigger}>
      <MenuLink href={openHref}>Open</MenuLink>
      {duplicate && (
        <MenuItem disabled={duplicate.pending} onSelect={duplicate.run}>
          Duplicate
        </MenuItem>
      )}
      {onDelete && (
        <MenuItem tone="danger" onSelect={onDelete}>
          Delete…
        </MenuItem>
      )}
    </Menu>
  );
}
