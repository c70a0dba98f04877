"use client";
import type { ReactElement } from "react";
import type { OpenedBy } from "@/components/ui/deferred-menu";
import { Menu, MenuLink } from "@/components/ui/menu";
import { EXPORT_FORMAT_LABELS, EXTENSIONS, type ExportFormat } from "@/lib/domain/exchange/filename";

/** The Download menu itself, loaded on first use (download-menu.tsx): one plain download per format. */
export function DownloadFormatsMenu({
  trigger,
  openedBy,
  href,
  formats,
}: {
  trigger: ReactElement;
  openedBy: OpenedBy;
  href: string;
  formats: ExportFormat[];
}) {
  const join = href.includes("?") ? "&" : "?";
  return (
    <Menu className="w-60" defaultOpen={openedBy} trigger={trigger}>
      {formats.map((format) => (
        <MenuLink key={format} href={`${href}${join}format=${format}`} download className="flex-col items-start">
          {EXPORT_FORMAT_LABELS[format]}
          <span className="block text-xs text-slate-600">{EXTENSIONS[format]}</span>
        </MenuLink>
      ))}
    </Menu>
  );
}
